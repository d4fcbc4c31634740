using ContrastiveOrleans.Experiments.Abstractions;
using ContrastiveOrleans.Experiments.Training;
using static TorchSharp.torch;

namespace ContrastiveOrleans.Experiments.Conformal;

/// <summary>
/// Learns the set shape on the training split with the reference recipe: SGD (momentum 0.9, weight decay 5e-4),
/// cosine learning-rate schedule over the epochs, gradient-norm clipping at 1, fresh positives and negatives per batch.
/// With a <see cref="ValidationMonitor"/> it stops after <c>patience</c> epochs without a better validation exclusion
/// and restores the best epoch's shape; without one it trains for exactly <c>epochs</c>.
/// </summary>
public static class SetTrainer
{
    private const double Momentum = 0.9;
    private const double WeightDecay = 5e-4;
    private const double ClipNorm = 1.0;

    /// <returns>Epochs run (0 for fixed shapes).</returns>
    public static int Train(
        ICoveringSet set, PairSampler train, ConformalOptions options, Generator generator, ValidationMonitor? monitor,
        IProgress<TrainingProgress>? progress, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(set);
        ArgumentNullException.ThrowIfNull(train);
        ArgumentNullException.ThrowIfNull(options);
        if (set.Trainable.Count == 0 || options.Epochs == 0) return 0;
        using var optimizer = new HeldScalarSgd(set.Trainable, options.LearningRate, Momentum, WeightDecay);
        var schedule = optim.lr_scheduler.CosineAnnealingLR(optimizer, options.Epochs);
        var batches = (train.Count + options.Batch - 1) / options.Batch;
        var total = batches * options.Epochs;
        using var span = ExperimentTracing.Train("conformal-set", total);
        var loss = double.NaN;
        for (var epoch = 0; epoch < options.Epochs; epoch++)
        {
            cancellationToken.ThrowIfCancellationRequested();
            using var order = randperm(train.Count, generator: generator);
            for (long start = 0; start < train.Count; start += options.Batch)
            {
                using var scope = NewDisposeScope();
                var index = order.narrow(0, start, Math.Min(options.Batch, train.Count - start));
                var anchors = train.Anchors(index).unsqueeze(1);
                var positive = set.Score(train.Positives(index, options.Positives, generator) - anchors);
                var negative = set.Score(train.Negatives(index, options.Negatives, generator) - anchors);
                var threshold = SoftQuantile.Compute(positive, options.Alpha);
                var objective = Objectives.Loss(set, options.Objective, threshold, negative, options.Sharpness, options.Lambda, options.NegForm);
                optimizer.zero_grad();
                objective.backward();
                nn.utils.clip_grad_norm_(set.Trainable, ClipNorm);
                optimizer.step();
                loss = objective.item<float>();
                if (!double.IsFinite(loss))
                    throw new ExperimentFailedException($"training diverged: loss {loss} at epoch {epoch + 1}; lower lr");
            }
            schedule.step();
            progress?.Report(new TrainingProgress((epoch + 1) * batches, total, loss));
            if (monitor is not null && !monitor.Observe(epoch + 1))
            {
                monitor.RestoreBest();
                return epoch + 1;
            }
        }
        monitor?.RestoreBest();
        return options.Epochs;
    }
}
