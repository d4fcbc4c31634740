using ContrastiveOrleans.Experiments.Abstractions;
using TorchSharp;
using static TorchSharp.torch;

namespace ContrastiveOrleans.Experiments.Training;

/// <summary>
/// <see cref="PairEpochs"/> for K runs of equal shapes at once: the pairs stacked K×n×d, each run's permutation drawn
/// from its own generator as it would be alone, every parameter stacked along a leading K, and the optimiser written
/// out on the stacks with per-run learning rates, exactly TorchSharp's Adam (and SGD with momentum 0.9) with the
/// cosine schedule in closed form. The sum of the runs' mean losses gives each run's parameters the gradient of its
/// own loss. A run whose loss turns non-finite is failed alone (its message as alone); the others go on.
/// </summary>
public static class PackedEpochs
{
    private const double Beta1 = 0.9, Beta2 = 0.999, AdamEps = 1e-8, Momentum = 0.9;

    /// <summary>Returns each run's last loss read, or the failure of that run, and the steps taken.</summary>
    /// <param name="losses">Maps a batch (K×B×d anchors, K×B×d partners) to each run's mean loss (K).</param>
    /// <param name="describe">Names run i in its divergence error.</param>
    public static (double[] LastLoss, Exception?[] Errors, long Steps) Run(
        Tensor xs,
        Tensor ps,
        int batch,
        int epochs,
        IReadOnlyList<Tensor> parameters,
        string optimizer,
        IReadOnlyList<double> learningRates,
        bool cosine,
        IReadOnlyList<Generator> generators,
        Func<Tensor, Tensor, Tensor> losses,
        Func<int, string> describe,
        IReadOnlyList<IProgress<TrainingProgress>?> progress,
        CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(xs);
        ArgumentNullException.ThrowIfNull(ps);
        ArgumentNullException.ThrowIfNull(parameters);
        ArgumentNullException.ThrowIfNull(learningRates);
        ArgumentNullException.ThrowIfNull(generators);
        ArgumentNullException.ThrowIfNull(losses);
        ArgumentNullException.ThrowIfNull(describe);
        ArgumentNullException.ThrowIfNull(progress);
        if (optimizer is not ("adam" or "sgd")) throw new ArgumentException($"optimizer: '{optimizer}' is not one of adam, sgd", nameof(optimizer));
        var (k, n, d) = (xs.shape[0], xs.shape[1], xs.shape[2]);
        var device = xs.device;
        var stepsPerEpoch = n / batch;
        var total = stepsPerEpoch * epochs;
        var first = parameters.Select(p => zeros_like(p)).ToList();
        var second = parameters.Select(p => zeros_like(p)).ToList();
        var lastLoss = new double[k];
        Array.Fill(lastLoss, double.NaN);
        var errors = new Exception?[k];
        // Scalar operands held for the whole run: see HeldScalarAdam for the race implicit ones lose.
        using var keep1 = Beta1.ToScalar();
        using var blend1 = (1 - Beta1).ToScalar();
        using var keep2 = Beta2.ToScalar();
        using var blend2 = (1 - Beta2).ToScalar();
        using var eps = AdamEps.ToScalar();
        using var momentum = Momentum.ToScalar();
        using var one = 1.ToScalar();
        long step = 0;
        for (var epoch = 0; epoch < epochs; epoch++)
        {
            cancellationToken.ThrowIfCancellationRequested();
            using var epochScope = NewDisposeScope();
            // One permutation per run from its own generator, offset into the stacked rows: one gather for all runs.
            var order = (stack(generators.Select(g => randperm(n, generator: g)).ToArray()).to(device)
                + arange(k, dtype: int64, device: device).mul_(n).unsqueeze(1)).view(-1);
            var xe = xs.view(k * n, d).index_select(0, order).view(k, n, d);
            var pe = ps.view(k * n, d).index_select(0, order).view(k, n, d);
            for (long s = 0; s < stepsPerEpoch; s++)
            {
                using var stepScope = NewDisposeScope();
                var values = losses(xe.narrow(1, s * batch, batch), pe.narrow(1, s * batch, batch));
                values.sum().backward();
                step++;
                using (no_grad())
                {
                    var rates = tensor(learningRates.Select(lr => cosine ? lr * (1 + Math.Cos(Math.PI * (step - 1) / Math.Max(total, 1))) / 2 : lr).ToArray(),
                        dtype: float64, device: device);
                    for (var i = 0; i < parameters.Count; i++)
                    {
                        var parameter = parameters[i];
                        var gradient = parameter.grad!;
                        var shape = new long[parameter.dim()];
                        Array.Fill(shape, 1L);
                        shape[0] = k;
                        if (optimizer == "adam")
                        {
                            var correction1 = 1 - Math.Pow(Beta1, step);
                            var correction2 = 1 - Math.Pow(Beta2, step);
                            using var root2 = Math.Sqrt(correction2).ToScalar();
                            using var correction = correction1.ToScalar();
                            first[i].mul_(keep1).add_(gradient, alpha: blend1);
                            second[i].mul_(keep2).addcmul_(gradient, gradient, value: blend2);
                            var denominator = second[i].sqrt().div(root2).add_(eps, one);
                            parameter.sub_(first[i].div(denominator).mul_(rates.div(correction).to(parameter.dtype).view(shape)));
                        }
                        else
                        {
                            // The momentum buffer starts as the first gradient, as TorchSharp's SGD does.
                            if (step == 1) first[i].copy_(gradient);
                            else first[i].mul_(momentum).add_(gradient, one);
                            parameter.sub_(first[i].mul(rates.to(parameter.dtype).view(shape)));
                        }
                        gradient.zero_();
                    }
                }
                if (step % PairEpochs.LossReadInterval != 0 && step != total) continue;
                var read = values.detach().cpu().to(float64).data<double>().ToArray();
                for (var r = 0; r < k; r++)
                {
                    if (errors[r] is not null) continue;
                    lastLoss[r] = (float)read[r];
                    if (!double.IsFinite(lastLoss[r]))
                    {
                        errors[r] = new ExperimentFailedException($"{describe(r)} diverged: loss is {lastLoss[r]} at step {step}");
                        continue;
                    }
                    progress[r]?.Report(new TrainingProgress(step, total, lastLoss[r]));
                }
                cancellationToken.ThrowIfCancellationRequested();
            }
        }
        return (lastLoss, errors, step);
    }
}
