using ContrastiveOrleans.Experiments.Abstractions;
using ContrastiveOrleans.Experiments.Training;
using static TorchSharp.torch;

namespace ContrastiveOrleans.Experiments.AlphaCl;

/// <summary>
/// SimCLR-style training of the <see cref="ConvEncoder"/>: each epoch a seeded permutation of the training images,
/// full batches of N images, two augmented views of each (anchors then partners: 2N rows, 2N − 2 negatives per row),
/// one of the contrastive losses on the projections, Adam or SGD (momentum 0.9) with a per-step cosine or constant
/// schedule. Each epoch's mean loss is reported as <c>epoch_loss</c> in the learning curve.
/// </summary>
public static class ConvContrastiveTrainer
{
    /// <summary>Returns the loss of the last step.</summary>
    /// <param name="encoder">The network trained in place.</param>
    /// <param name="views">The training split's images and augmentation.</param>
    /// <param name="subset">The images trained on (indices into the split).</param>
    /// <param name="loss">The loss family and its α.</param>
    /// <param name="training">Epochs, batch (images per step) and learning rate.</param>
    /// <param name="optimizer">adam or sgd.</param>
    /// <param name="schedule">cosine or constant.</param>
    /// <param name="augmentation">Draws the views.</param>
    /// <param name="order">Draws each epoch's order.</param>
    /// <param name="progress">Receives steps, losses and each epoch's mean loss.</param>
    /// <param name="cancellationToken">Checked between steps.</param>
    public static double Train(
        ConvEncoder encoder,
        ImageViews views,
        Tensor subset,
        AlphaLossOptions loss,
        TrainingOptions training,
        string optimizer,
        string schedule,
        Generator augmentation,
        Generator order,
        IProgress<TrainingProgress>? progress,
        CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(encoder);
        ArgumentNullException.ThrowIfNull(views);
        ArgumentNullException.ThrowIfNull(subset);
        ArgumentNullException.ThrowIfNull(loss);
        ArgumentNullException.ThrowIfNull(training);
        using var outer = NewDisposeScope();
        var n = subset.shape[0];
        var batch = (int)Math.Min(training.Batch, n);
        var stepsPerEpoch = n / batch;
        var total = stepsPerEpoch * training.Epochs;
        using var span = ExperimentTracing.Train("alpha-cl", total);
        using var geometry = new PairGeometry(batch, views.Device);
        using var opt = optimizer == "sgd"
            ? (optim.Optimizer)new HeldScalarSgd(encoder.Parameters, training.LearningRate, momentum: 0.9)
            : new HeldScalarAdam(encoder.Parameters, training.LearningRate);
        var annealing = schedule == "cosine" ? optim.lr_scheduler.CosineAnnealingLR(opt, Math.Max(total, 1)) : null;
        var lastLoss = double.NaN;
        long step = 0;
        for (var epoch = 0; epoch < training.Epochs; epoch++)
        {
            cancellationToken.ThrowIfCancellationRequested();
            using var epochScope = NewDisposeScope();
            var images = subset.index_select(0, randperm(n, generator: order));
            // The epoch's losses summed on the device: one read per epoch, not one per step.
            var sum = zeros(1, dtype: float32, device: views.Device);
            for (long s = 0; s < stepsPerEpoch; s++)
            {
                using var stepScope = NewDisposeScope();
                var (first, second) = views.Views(images.narrow(0, s * batch, batch), augmentation);
                opt.zero_grad();
                var value = ContrastiveLoss.Compute(encoder.Forward(cat([first, second])), geometry, loss);
                value.backward();
                opt.step();
                annealing?.step();
                sum.add_(value.detach());
                step++;
                if (step % Training.PairEpochs.LossReadInterval != 0 && step != total) continue;
                lastLoss = value.item<float>();
                if (!double.IsFinite(lastLoss))
                    throw new ExperimentFailedException($"{loss.Loss} (lr {training.LearningRate}, temperature {loss.Temperature}) diverged: loss is {lastLoss} at step {step}");
                progress?.Report(new TrainingProgress(step, total, lastLoss));
                cancellationToken.ThrowIfCancellationRequested();
            }
            var epochLoss = sum.item<float>() / stepsPerEpoch;
            progress?.Report(new TrainingProgress(step, total, lastLoss, new Dictionary<string, double>(StringComparer.Ordinal) { ["epoch_loss"] = epochLoss }));
        }
        return lastLoss;
    }
}
