using ContrastiveOrleans.Experiments.Abstractions;
using ContrastiveOrleans.Experiments.Training;
using static TorchSharp.torch;

namespace ContrastiveOrleans.Experiments.AlphaCl;

/// <summary>Trains an encoder on coupled pairs with one of the contrastive losses (Adam, cosine schedule, float32).</summary>
public static class ContrastiveTrainer
{
    /// <summary>Returns the loss of the last step.</summary>
    public static double Train(
        Encoder encoder,
        Tensor x,
        Tensor partner,
        AlphaLossOptions loss,
        TrainingOptions training,
        Generator generator,
        IProgress<TrainingProgress>? progress,
        CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(encoder);
        ArgumentNullException.ThrowIfNull(x);
        ArgumentNullException.ThrowIfNull(partner);
        ArgumentNullException.ThrowIfNull(loss);
        ArgumentNullException.ThrowIfNull(training);
        var device = encoder.Layers[0].device;
        using var outer = NewDisposeScope();
        var (xs, ps, batch, total) = PairEpochs.Prepare(x, partner, training.Batch, training.Epochs, device);
        using var span = ExperimentTracing.Train("alpha-cl", total);
        using var geometry = new PairGeometry(batch, device);
        using var optimizer = new HeldScalarAdam(encoder.Layers, training.LearningRate);
        var schedule = optim.lr_scheduler.CosineAnnealingLR(optimizer, Math.Max(total, 1));

        var (lastLoss, _) = PairEpochs.Run(xs, ps, batch, training.Epochs, optimizer, schedule,
            (xb, pb) => ContrastiveLoss.Compute(encoder.Forward(cat([xb, pb])), geometry, loss),
            () => $"{loss.Loss} (lr {training.LearningRate}, temperature {loss.Temperature})",
            generator, afterEpoch: null, redraw: null, progress, cancellationToken);
        return lastLoss;
    }
}
