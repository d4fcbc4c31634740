using System.Diagnostics;
using ContrastiveOrleans.Experiments.Abstractions;
using TorchSharp;
using static TorchSharp.torch;

namespace ContrastiveOrleans.Experiments.Training;

/// <summary>
/// K shared-map linear InfoNCE runs of equal shapes (n, d, r, batch, epochs, optimiser, schedule, normalisation) as
/// one program: the maps stacked K×r×d, every product batched (bmm), one cross-entropy over the K·B rows, trained by
/// <see cref="PackedEpochs"/>. Each run draws from its own generator what it draws alone, in the same order (its
/// initial map, then one permutation per epoch), so it sees the same batches. Per-point numbers match a run alone to
/// float32 rounding, not bit for bit (batched kernels round differently). A run whose loss turns non-finite fails
/// alone; the others go on.
/// </summary>
public static class PackedInfoNce
{
    /// <summary>Whether runs with these options can share a program at all (one map, no per-epoch evaluation).</summary>
    public static bool Packable(InfoNceOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        return !options.TwoTower && options.EvalEvery == 0 && options.Optimizer is "adam" or "sgd";
    }

    /// <summary>Trains every member; outcome i is member i's result, or the failure of that run alone.</summary>
    public static IReadOnlyList<(InfoNceResult? Result, Exception? Error)> Train(IReadOnlyList<PackedRun> runs, Device device,
        CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(runs);
        ArgumentOutOfRangeException.ThrowIfZero(runs.Count);
        var clock = Stopwatch.StartNew();
        var shape = runs[0].Options;
        long n = runs[0].X.shape[0], d = runs[0].X.shape[1];
        foreach (var run in runs)
        {
            if (!Packable(run.Options) || run.X.shape[0] != n || run.X.shape[1] != d || run.Partner.shape[1] != d
                || run.Options with { LearningRate = shape.LearningRate, Temperature = shape.Temperature } != shape)
                throw new ArgumentException("packed runs must agree in every shape and structural option", nameof(runs));
        }
        var k = runs.Count;
        using var outer = NewDisposeScope();
        var prepared = runs.Select(r => PairEpochs.Prepare(r.X, r.Partner, shape.Batch, shape.Epochs, device)).ToList();
        var (batch, total) = (prepared[0].Batch, prepared[0].TotalSteps);
        var xs = stack(prepared.Select(p => p.X).ToArray());
        var ps = stack(prepared.Select(p => p.Partner).ToArray());
        using var span = ExperimentTracing.Train("linear-infonce-packed", total)?.SetTag("contrastive.pack", k);

        // Each run's initial map, from its own generator, as LinearInfoNce draws it.
        var maps = stack(runs.Select(r => randn(shape.Rank, d, dtype: float32, generator: r.Generator) / Math.Sqrt(d)).ToArray())
            .to(device).requires_grad_(true);
        var temperatures = tensor(runs.Select(r => (float)r.Options.Temperature).ToArray(), dtype: float32, device: device).view(k, 1, 1);
        var target = arange(batch, dtype: int64, device: device).repeat(k);
        var (lastLoss, errors, step) = PackedEpochs.Run(xs, ps, batch, shape.Epochs, [maps], shape.Optimizer,
            [.. runs.Select(r => r.Options.LearningRate)], shape.Schedule == "cosine", [.. runs.Select(r => r.Generator)],
            (xb, pb) => Losses(xb, pb, maps, temperatures, target, shape),
            i => $"infonce (lr {runs[i].Options.LearningRate}, temperature {runs[i].Options.Temperature})",
            [.. runs.Select(r => r.Progress)], cancellationToken);

        var trained = maps.detach().to(float64).cpu();
        var milliseconds = clock.Elapsed.TotalMilliseconds;
        var outcomes = new (InfoNceResult?, Exception?)[k];
        for (var i = 0; i < k; i++)
        {
            if (errors[i] is { } error)
            {
                outcomes[i] = (null, error);
                continue;
            }
            var map = trained[i].clone();
            if (!map.isfinite().all().item<bool>())
            {
                outcomes[i] = (null, new ExperimentFailedException("infonce diverged: the learned map has non-finite entries"));
                continue;
            }
            map.MoveToOuterDisposeScope();
            // A run's share of the program's time: the sum over a pack is the program's time, as for runs alone.
            outcomes[i] = (new InfoNceResult(map, map, lastLoss[i], step, milliseconds / k), null);
        }
        return outcomes;
    }

    /// <summary>Each run's mean InfoNCE loss over its batch (K), as <see cref="LinearInfoNce.Loss(Tensor, Tensor, Tensor, Tensor, InfoNceOptions)"/> computes one.</summary>
    public static Tensor Losses(Tensor xb, Tensor pb, Tensor maps, Tensor temperatures, Tensor target, InfoNceOptions shape)
    {
        ArgumentNullException.ThrowIfNull(xb);
        ArgumentNullException.ThrowIfNull(pb);
        ArgumentNullException.ThrowIfNull(maps);
        ArgumentNullException.ThrowIfNull(shape);
        var (k, batch) = (xb.shape[0], xb.shape[1]);
        var z = xb.bmm(maps.transpose(1, 2));
        var zp = pb.bmm(maps.transpose(1, 2));
        if (shape.Normalize)
        {
            z = nn.functional.normalize(z, dim: 2);
            zp = nn.functional.normalize(zp, dim: 2);
        }
        var logits = (z / temperatures).bmm(zp.transpose(1, 2));
        var rows = nn.functional.cross_entropy(logits.reshape(k * batch, batch), target, reduction: nn.Reduction.None).view(k, batch).mean([1]);
        if (!shape.Symmetric) return rows;
        var columns = nn.functional.cross_entropy(logits.transpose(1, 2).reshape(k * batch, batch), target, reduction: nn.Reduction.None)
            .view(k, batch).mean([1]);
        // Held, not implicit: see HeldScalarAdam.
        using var one = 1.ToScalar();
        using var half = 0.5.ToScalar();
        return rows.add(columns, one).mul(half);
    }
}
