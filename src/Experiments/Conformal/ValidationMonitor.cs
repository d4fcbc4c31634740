using static TorchSharp.torch;

namespace ContrastiveOrleans.Experiments.Conformal;

/// <summary>
/// Optional early stopping on exclusion at the exact conformal threshold of a validation split carved from the
/// training points (the reference code monitors its calibration ∪ test pool instead, which lets the shape depend on
/// the calibration data). Keeps a copy of the best parameters and restores them at the end.
/// </summary>
public sealed class ValidationMonitor : IDisposable
{
    private readonly ICoveringSet _set;
    private readonly Tensor _positiveDifferences;
    private readonly Tensor _negativeDifferences;
    private readonly double _alpha;
    private readonly int _patience;
    private Tensor[]? _best;
    private int _sinceBest;

    public ValidationMonitor(ICoveringSet set, PairSampler validation, ConformalOptions options, Generator generator)
    {
        ArgumentNullException.ThrowIfNull(set);
        ArgumentNullException.ThrowIfNull(validation);
        ArgumentNullException.ThrowIfNull(options);
        _set = set;
        _alpha = options.Alpha;
        _patience = options.Patience;
        using var scope = NewDisposeScope();
        var index = arange(validation.Count, device: validation.Device);
        var anchors = validation.Anchors(index).unsqueeze(1);
        // One fixed draw, so that epochs are compared on the same pairs.
        _positiveDifferences = (validation.Positives(index, options.Positives, generator) - anchors).DetachFromDisposeScope();
        _negativeDifferences = (validation.Negatives(index, options.Negatives, generator) - anchors).DetachFromDisposeScope();
    }

    public double BestExclusion { get; private set; } = double.NegativeInfinity;

    public int BestEpoch { get; private set; }

    /// <summary>Scores the current shape after an epoch; returns false when training should stop.</summary>
    public bool Observe(int epoch)
    {
        double exclusion;
        using (no_grad())
        using (NewDisposeScope())
        {
            var scores = _set.Score(_positiveDifferences).to(ScalarType.Float64).cpu().data<double>().ToArray();
            var threshold = SplitConformal.Threshold(scores, _alpha);
            exclusion = (_set.Score(_negativeDifferences) > threshold).to(ScalarType.Float64).mean().item<double>();
        }
        if (exclusion > BestExclusion)
        {
            BestExclusion = exclusion;
            BestEpoch = epoch;
            _sinceBest = 0;
            DisposeBest();
            _best = [.. _set.Trainable.Select(p => p.detach().clone())];
            return true;
        }
        return ++_sinceBest < _patience;
    }

    /// <summary>Copies the best parameters seen back into the set.</summary>
    public void RestoreBest()
    {
        if (_best is null) return;
        using var noGrad = no_grad();
        for (var i = 0; i < _best.Length; i++) _set.Trainable[i].copy_(_best[i]);
    }

    private void DisposeBest()
    {
        if (_best is null) return;
        foreach (var t in _best) t.Dispose();
        _best = null;
    }

    public void Dispose()
    {
        DisposeBest();
        _positiveDifferences.Dispose();
        _negativeDifferences.Dispose();
    }
}
