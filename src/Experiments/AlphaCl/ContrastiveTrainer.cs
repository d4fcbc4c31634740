using ContrastiveOrleans.Experiments.Abstractions;
using static TorchSharp.torch;

namespace ContrastiveOrleans.Experiments.AlphaCl;

/// <summary>Trains an encoder on coupled pairs with one of the contrastive losses (Adam, cosine schedule, float32).</summary>
public static class ContrastiveTrainer
{
    /// <summary>How often the loss is read back (each read syncs the device).</summary>
    private const int LossReadInterval = 10;

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
        long n = x.shape[0];
        var batch = (int)Math.Min(training.Batch, n);
        var stepsPerEpoch = n / batch;
        var total = stepsPerEpoch * training.Epochs;
        using var span = ExperimentTracing.Train("alpha-cl", total);

        using var outer = NewDisposeScope();
        var xs = x.to(float32).to(device);
        var ps = partner.to(float32).to(device);
        using var geometry = new PairGeometry(batch, device);
        using var optimizer = optim.Adam(encoder.Layers, training.LearningRate);
        var schedule = optim.lr_scheduler.CosineAnnealingLR(optimizer, Math.Max(total, 1));

        var lastLoss = double.NaN;
        long step = 0;
        for (var epoch = 0; epoch < training.Epochs; epoch++)
        {
            cancellationToken.ThrowIfCancellationRequested();
            using var epochScope = NewDisposeScope();
            var order = randperm(n, generator: generator).to(device);
            var xe = xs.index_select(0, order);
            var pe = ps.index_select(0, order);
            for (long s = 0; s < stepsPerEpoch; s++)
            {
                using var stepScope = NewDisposeScope();
                optimizer.zero_grad();
                var rows = cat([xe.narrow(0, s * batch, batch), pe.narrow(0, s * batch, batch)]);
                var value = ContrastiveLoss.Compute(encoder.Forward(rows), geometry, loss);
                value.backward();
                optimizer.step();
                schedule.step();
                step++;
                if (step % LossReadInterval != 0 && step != total) continue;
                lastLoss = value.item<float>();
                if (!double.IsFinite(lastLoss))
                {
                    throw new ExperimentFailedException(
                        $"{loss.Loss} diverged: loss is {lastLoss} at step {step} (lr {training.LearningRate}, temperature {loss.Temperature})");
                }
                progress?.Report(new TrainingProgress(step, total, lastLoss));
                cancellationToken.ThrowIfCancellationRequested();
            }
        }
        return lastLoss;
    }
}
