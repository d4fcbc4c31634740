using ContrastiveOrleans.Experiments.Abstractions;
using ContrastiveOrleans.Experiments.Training;
using static TorchSharp.torch;

namespace ContrastiveOrleans.Experiments.AlphaCl;

/// <summary>
/// The max player alone: with α frozen on one batch, maximise E_α(θ) over the encoder's weights under the norm
/// constraint of <see cref="Encoder.ConstrainForMaxPlayer"/> (weights used as V/‖V‖ in the forward pass, so the
/// objective cannot grow by scaling). For a linear encoder the constrained maximum is λ_max(C_α), reached by rank-one
/// maps whose right singular vector is C_α's top eigenvector. Full-batch Adam (invariant to E_α's scale) with cosine
/// annealing, in the encoder's dtype (float64 in the experiment: this is a linear-algebra measurement).
/// </summary>
public static class FixedAlphaAscent
{
    private const int ProgressInterval = 50;

    /// <summary>Maximises <paramref name="energy"/> (E_α as a function of the encoder's current weights); returns its final value.</summary>
    public static double Maximise(
        Encoder encoder,
        Func<Tensor> energy,
        int steps,
        double learningRate,
        IProgress<TrainingProgress>? progress,
        CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(encoder);
        ArgumentNullException.ThrowIfNull(energy);
        encoder.ConstrainForMaxPlayer();
        using var span = ExperimentTracing.Train("fixed-alpha-ascent", steps);
        using var optimizer = new HeldScalarAdam(encoder.Trainable, learningRate);
        var schedule = optim.lr_scheduler.CosineAnnealingLR(optimizer, Math.Max(steps, 1));
        for (var step = 1; step <= steps; step++)
        {
            using var scope = NewDisposeScope();
            optimizer.zero_grad();
            var value = energy();
            (-value).backward();
            optimizer.step();
            schedule.step();
            if (step % ProgressInterval == 0)
            {
                progress?.Report(new TrainingProgress(step, steps, -value.item<double>()));
                cancellationToken.ThrowIfCancellationRequested();
            }
        }
        using var final = no_grad();
        using var last = energy();
        var result = last.to(float64).item<double>();
        if (!double.IsFinite(result)) throw new ExperimentFailedException($"fixed-α ascent diverged: E_α is {result} (lr {learningRate})");
        return result;
    }
}
