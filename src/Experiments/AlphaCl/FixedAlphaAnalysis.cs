using ContrastiveOrleans.Experiments.Abstractions;
using static TorchSharp.torch;

namespace ContrastiveOrleans.Experiments.AlphaCl;

/// <summary>
/// One fixed-α experiment: α from the chosen family on the initial encoder's normalised outputs of the first
/// batch (N anchors + N partners), C_α of those 2N inputs, then the max player alone.
/// </summary>
public static class FixedAlphaAnalysis
{
    /// <summary>final_loss (−E_α), and for linear encoders top_eig_cos, map_effective_rank and energy_ratio = E_α/(½λ_max(C_α)).</summary>
    public static IReadOnlyDictionary<string, double> Run(
        Encoder encoder,
        Tensor x,
        Tensor partner,
        AlphaLossOptions loss,
        int batch,
        int steps,
        double learningRate,
        IProgress<TrainingProgress>? progress,
        CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(encoder);
        ArgumentNullException.ThrowIfNull(x);
        ArgumentNullException.ThrowIfNull(partner);
        using var scope = NewDisposeScope();
        var device = encoder.Layers[0].device;
        var dtype = encoder.Layers[0].dtype;
        var pairs = Math.Min(batch, x.shape[0]);
        using var geometry = new PairGeometry(pairs, device);
        var rows = cat([x.narrow(0, 0, pairs), partner.narrow(0, 0, pairs)]).to(dtype).to(device);
        Tensor alpha;
        using (no_grad())
        {
            var z = nn.functional.normalize(encoder.Forward(rows), dim: 1);
            var (_, negatives) = geometry.Cosines(z);
            alpha = AlphaWeights.Compute(1 - negatives, loss);
        }
        alpha = alpha.detach();
        var pairOperator = ContrastiveCovariance.PairOperator(geometry, alpha);
        var covariance = encoder.IsLinear ? ContrastiveCovariance.Build(rows, geometry, alpha) : null;
        // A linear encoder's E_α is the d×d quadratic form ½ tr(W C_α Wᵀ), cheaper than going through the 2N outputs.
        Func<Tensor> objective = covariance is null
            ? () => ContrastiveCovariance.Energy(encoder.Forward(rows), pairOperator)
            : () => QuadraticForm(encoder.Product(), covariance);
        FixedAlphaAscent.Maximise(encoder, objective, steps, learningRate, progress, cancellationToken);
        double energy;
        using (no_grad())
        {
            energy = ContrastiveCovariance.Energy(encoder.Forward(rows), pairOperator).to(float64).item<double>();
        }
        var metrics = new Dictionary<string, double>(StringComparer.Ordinal) { ["final_loss"] = -energy };
        var map = encoder.EndToEndMap();
        if (map is not null && covariance is not null)
        {
            covariance = covariance.cpu();
            metrics["top_eig_cos"] = Spectra.TopEigenCosine(map, covariance);
            metrics["map_effective_rank"] = Spectra.EffectiveRank(map);
            var top = linalg.eigvalsh(covariance).max().item<double>();
            metrics["energy_ratio"] = energy / (0.5 * top);
        }
        return metrics;
    }

    private static Tensor QuadraticForm(Tensor w, Tensor covariance) => 0.5 * (w.matmul(covariance) * w).sum();
}
