using ContrastiveOrleans.Experiments.Abstractions;
using static TorchSharp.torch;

namespace ContrastiveOrleans.Experiments.Training;

/// <summary>
/// The training loop shared by the contrastive trainers: each epoch a seeded permutation of the pairs, full batches
/// only (the other pairs of a batch are the negatives), a dispose scope per step, an optional schedule step, and
/// every few steps a loss read for progress, cancellation and the divergence check.
/// </summary>
public static class PairEpochs
{
    /// <summary>How often the loss is read back; each read synchronises the device.</summary>
    public const int LossReadInterval = 10;

    /// <summary>Steps a run of <paramref name="epochs"/> takes: whole batches per epoch.</summary>
    public static long TotalSteps(long pairs, int batch, int epochs) => pairs / Math.Min(batch, pairs) * epochs;

    /// <summary>
    /// What a trainer starts from: the pairs as float32 on the device (owned by the caller's dispose scope), the batch
    /// the data allows, and the number of steps the run takes.
    /// </summary>
    public static (Tensor X, Tensor Partner, int Batch, long TotalSteps) Prepare(Tensor x, Tensor partner, int batch, int epochs, Device device)
    {
        ArgumentNullException.ThrowIfNull(x);
        ArgumentNullException.ThrowIfNull(partner);
        var n = x.shape[0];
        var fitted = (int)Math.Min(batch, n);
        return (x.to(float32).to(device), partner.to(float32).to(device), fitted, TotalSteps(n, fitted, epochs));
    }

    /// <summary>
    /// Runs the loop; <paramref name="loss"/> maps a batch (x rows, partner rows) to the scalar loss. Returns the last
    /// loss read and the number of steps. <paramref name="describe"/> names the run in a divergence error.
    /// <paramref name="redraw"/>, when given, makes each epoch after the first a fresh partner for every anchor (the
    /// reference code's protocol: partners redrawn per epoch), on the device like <paramref name="partner"/>.
    /// </summary>
    public static (double LastLoss, long Steps) Run(
        Tensor x,
        Tensor partner,
        int batch,
        int epochs,
        optim.Optimizer optimizer,
        optim.lr_scheduler.LRScheduler? schedule,
        Func<Tensor, Tensor, Tensor> loss,
        Func<string> describe,
        Generator generator,
        Func<int, IReadOnlyDictionary<string, double>?>? afterEpoch,
        Func<int, Tensor>? redraw,
        IProgress<TrainingProgress>? progress,
        CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(x);
        ArgumentNullException.ThrowIfNull(partner);
        ArgumentNullException.ThrowIfNull(optimizer);
        ArgumentNullException.ThrowIfNull(loss);
        ArgumentNullException.ThrowIfNull(describe);
        var n = x.shape[0];
        batch = (int)Math.Min(batch, n);
        var stepsPerEpoch = n / batch;
        var total = stepsPerEpoch * epochs;
        var lastLoss = double.NaN;
        long step = 0;
        for (var epoch = 0; epoch < epochs; epoch++)
        {
            cancellationToken.ThrowIfCancellationRequested();
            using var epochScope = NewDisposeScope();
            var partners = epoch > 0 && redraw is not null ? redraw(epoch).to(float32).to(x.device) : partner;
            var order = randperm(n, generator: generator).to(x.device);
            var xe = x.index_select(0, order);
            var pe = partners.index_select(0, order);
            for (long s = 0; s < stepsPerEpoch; s++)
            {
                using var stepScope = NewDisposeScope();
                optimizer.zero_grad();
                var value = loss(xe.narrow(0, s * batch, batch), pe.narrow(0, s * batch, batch));
                value.backward();
                optimizer.step();
                schedule?.step();
                step++;
                if (step % LossReadInterval != 0 && step != total) continue;
                lastLoss = value.item<float>();
                if (!double.IsFinite(lastLoss))
                    throw new ExperimentFailedException($"{describe()} diverged: loss is {lastLoss} at step {step}");
                progress?.Report(new TrainingProgress(step, total, lastLoss));
                cancellationToken.ThrowIfCancellationRequested();
            }
            // The caller's evaluation of the model after this epoch (null: not at this one).
            if (progress is not null && afterEpoch?.Invoke(epoch + 1) is { } metrics) progress.Report(new TrainingProgress(step, total, lastLoss, metrics));
        }
        return (lastLoss, step);
    }
}
