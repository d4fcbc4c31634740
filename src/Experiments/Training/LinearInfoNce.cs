using System.Diagnostics;
using ContrastiveOrleans.Experiments.Abstractions;
using TorchSharp;
using static TorchSharp.torch;

namespace ContrastiveOrleans.Experiments.Training;

/// <summary>
/// Trains f(x) = A x with InfoNCE over in-batch negatives:
/// L = mean_b −log( exp(s(x_b, x⁺_b)/τ) / Σ_c exp(s(x_b, x⁺_c)/τ) ), s the inner product or cosine.
/// With <see cref="InfoNceOptions.TwoTower"/> the partner has its own map B (CLIP: s(Ax, By)) and may live in
/// another dimension.
/// </summary>
public static class LinearInfoNce
{
    /// <summary>Trains from a random map; with <paramref name="evaluate"/>, evaluates the maps (A, B; float64 on the CPU)
    /// every <see cref="InfoNceOptions.EvalEvery"/> epochs into the progress reports.</summary>
    public static InfoNceResult Train(
        Tensor x,
        Tensor partner,
        InfoNceOptions options,
        Generator generator,
        Device device,
        Func<Tensor, Tensor, IReadOnlyDictionary<string, double>>? evaluate,
        IProgress<TrainingProgress>? progress,
        CancellationToken cancellationToken) =>
        TrainFrom(null, x, partner, options, generator, device, evaluate, null, progress, cancellationToken);

    /// <summary>As the overload without <paramref name="redraw"/>, with each epoch after the first drawing fresh partners (<paramref name="redraw"/>
    /// maps the epoch to the partners of every anchor, in x's order).</summary>
    public static InfoNceResult Train(
        Tensor x,
        Tensor partner,
        InfoNceOptions options,
        Generator generator,
        Device device,
        Func<Tensor, Tensor, IReadOnlyDictionary<string, double>>? evaluate,
        Func<int, Tensor>? redraw,
        IProgress<TrainingProgress>? progress,
        CancellationToken cancellationToken) =>
        TrainFrom(null, x, partner, options, generator, device, evaluate, redraw, progress, cancellationToken);

    /// <summary>As Train, starting from a given map (r×d) instead of a random one (benchmarks compare
    /// against a peer from the same initialisation).</summary>
    public static InfoNceResult TrainFrom(
        Tensor? initialMap,
        Tensor x,
        Tensor partner,
        InfoNceOptions options,
        Generator generator,
        Device device,
        Func<Tensor, Tensor, IReadOnlyDictionary<string, double>>? evaluate,
        Func<int, Tensor>? redraw,
        IProgress<TrainingProgress>? progress,
        CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(x);
        ArgumentNullException.ThrowIfNull(partner);
        ArgumentNullException.ThrowIfNull(options);
        var clock = Stopwatch.StartNew();
        long d = x.shape[1], dp = partner.shape[1];
        if (!options.TwoTower && dp != d)
            throw new ArgumentException("a shared map needs x and partner of the same dimension", nameof(partner));
        using var outer = NewDisposeScope();
        var (xs, ps, batch, total) = PairEpochs.Prepare(x, partner, options.Batch, options.Epochs, device);
        using var span = ExperimentTracing.Train("linear-infonce", total);
        var start = initialMap?.to(float32).clone() ?? randn(options.Rank, d, dtype: float32, generator: generator) / Math.Sqrt(d);
        // Parameters are not owned by dispose scopes (modules own them), so these are disposed explicitly.
        using var map = nn.Parameter(start.to(device));
        using var ownPartnerMap = options.TwoTower
            ? nn.Parameter((randn(options.Rank, dp, dtype: float32, generator: generator) / Math.Sqrt(dp)).to(device))
            : null;
        var partnerMap = ownPartnerMap ?? map;
        var target = arange(batch, dtype: int64, device: device);
        using var optimizer = CreateOptimizer(options, options.TwoTower ? [map, partnerMap] : [map]);
        // Annealing the step removes the stochastic-gradient noise floor that otherwise blurs the learned subspace.
        var schedule = options.Schedule == "cosine" ? optim.lr_scheduler.CosineAnnealingLR(optimizer, Math.Max(total, 1)) : null;

        var (lastLoss, step) = PairEpochs.Run(xs, ps, batch, options.Epochs, optimizer, schedule,
            (xb, pb) => Loss(xb, pb, map, partnerMap, target, options),
            () => $"infonce (lr {options.LearningRate}, temperature {options.Temperature})",
            generator,
            evaluate is null || options.EvalEvery <= 0 ? null : epoch =>
            {
                if (epoch % options.EvalEvery != 0 && epoch != options.Epochs) return null;
                using var scope = NewDisposeScope();
                using (no_grad()) return evaluate(map.detach().to(float64).cpu(), partnerMap.detach().to(float64).cpu());
            },
            redraw, progress, cancellationToken);

        var result = map.detach().to(float64).cpu();
        var partnerResult = partnerMap.detach().to(float64).cpu();
        if (!result.isfinite().all().item<bool>() || !partnerResult.isfinite().all().item<bool>())
            throw new ExperimentFailedException("infonce diverged: the learned map has non-finite entries");
        return new InfoNceResult(result.MoveToOuterDisposeScope(), partnerResult.MoveToOuterDisposeScope(), lastLoss, step,
            clock.Elapsed.TotalMilliseconds);
    }

    /// <summary>The InfoNCE loss of one batch with a shared map (exposed for gradient checks).</summary>
    public static Tensor Loss(Tensor xb, Tensor pb, Tensor map, Tensor target, InfoNceOptions options) =>
        Loss(xb, pb, map, map, target, options);

    /// <summary>The InfoNCE loss of one batch, x through <paramref name="map"/>, partners through <paramref name="partnerMap"/>.</summary>
    public static Tensor Loss(Tensor xb, Tensor pb, Tensor map, Tensor partnerMap, Tensor target, InfoNceOptions options)
    {
        ArgumentNullException.ThrowIfNull(xb);
        ArgumentNullException.ThrowIfNull(pb);
        ArgumentNullException.ThrowIfNull(options);
        var z = xb.matmul(map.T);
        var zp = pb.matmul(partnerMap.T);
        if (options.Normalize)
        {
            z = nn.functional.normalize(z, dim: 1);
            zp = nn.functional.normalize(zp, dim: 1);
        }
        // Scaling the B×r side by 1/τ instead of the B×B logits saves a full pass over the logits, forward and backward.
        // The scalars are held until their calls return (see HeldScalarAdam): this runs every step.
        using var temperature = options.Temperature.ToScalar();
        var logits = z.div(temperature).matmul(zp.T);
        var loss = nn.functional.cross_entropy(logits, target);
        if (!options.Symmetric) return loss;
        using var one = 1.ToScalar();
        using var half = 0.5.ToScalar();
        return loss.add(nn.functional.cross_entropy(logits.T, target), one).mul(half);
    }

    private static optim.Optimizer CreateOptimizer(InfoNceOptions options, TorchSharp.Modules.Parameter[] maps) =>
        options.Optimizer switch
        {
            "adam" => new HeldScalarAdam(maps, options.LearningRate),
            "sgd" => new HeldScalarSgd(maps, options.LearningRate, momentum: 0.9),
            _ => throw new ArgumentException($"optimizer: '{options.Optimizer}' is not one of adam, sgd", nameof(options)),
        };
}
