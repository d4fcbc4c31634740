using System.Globalization;
using ContrastiveOrleans.Experiments.Abstractions;
using ContrastiveOrleans.Grains.Contracts;
using ContrastiveOrleans.Sweeps;

namespace ContrastiveOrleans.Grains.Stats;

/// <summary>
/// Folds done results into constant-size parts per claim, so the live report can show verdicts forming while a sweep
/// runs, from a few messages however many points finished: a mean claim's values; a difference claim's two sides,
/// unpaired (pairing by seed would hold values until their partners arrive, possibly in another shard); a coverage-law
/// claim's covered counts per (n, k, m); a slope or efficiency claim's log-log moments (per side). Partial folds (one per shard) combine exactly.
/// </summary>
public sealed class ClaimFold
{
    private readonly IReadOnlyList<ClaimSpec> _claims;
    private readonly IConformalCoverage? _conformal;
    private readonly CurveSpec _pooling;
    private readonly Dictionary<(int Claim, string Part), ExactMoments> _parts = [];

    private ClaimFold(SweepSpec spec)
    {
        _claims = spec.Claims;
        _conformal = spec.Experiment as IConformalCoverage;
        _pooling = ClaimSpec.Pooling(spec);
    }

    /// <summary>The fold of a sweep's claims, or null when it declares none.</summary>
    public static ClaimFold? For(SweepSpec spec)
    {
        ArgumentNullException.ThrowIfNull(spec);
        return spec.Claims.Count == 0 ? null : new ClaimFold(spec);
    }

    public void Add(PointResult result, ParameterSet parameters)
    {
        ArgumentNullException.ThrowIfNull(result);
        ArgumentNullException.ThrowIfNull(parameters);
        if (result.Status != PointStatus.Done || _pooling.IsPooledRepeat(parameters)) return;
        for (var c = 0; c < _claims.Count; c++)
        {
            var claim = _claims[c];
            if (!result.Metrics.TryGetValue(claim.Metric, out var value) || !double.IsFinite(value) || !claim.Selects(parameters)) continue;
            if (claim.IsCoverageLaw)
            {
                if (_conformal is not null && SplitConformalLaw.Read(_conformal, result, parameters, value) is { } point)
                {
                    Part(c, string.Create(CultureInfo.InvariantCulture, $"law {point.N} {point.K} {point.M}")).Add(point.Covered);
                }
            }
            else if (claim.SlopeAxis is { } axis)
            {
                var side = claim.IsSlope ? 'f' : claim.SideOf(parameters);
                if (side is null || !parameters.TryGetValue(axis, out var x) || x is not (double or long)) continue;
                var fit = new LogLogFit();
                if (!fit.Add(Convert.ToDouble(x, CultureInfo.InvariantCulture), value)) continue;
                Part(c, $"{side} log x").Add(fit.X);
                Part(c, $"{side} log y").Add(fit.Y);
                Part(c, $"{side} log x+y").Add(fit.Sum);
            }
            else if (!claim.IsDifference)
            {
                Part(c, "mean").Add(value);
            }
            else if (claim.SideOf(parameters) is { } side)
            {
                Part(c, side.ToString()).Add(value);
            }
        }
    }

    /// <summary>Adds another fold of the same claims (a shard's), exactly.</summary>
    public void Add(IEnumerable<ClaimFoldState> parts)
    {
        ArgumentNullException.ThrowIfNull(parts);
        foreach (var p in parts)
        {
            if (p.Claim >= 0 && p.Claim < _claims.Count) Part(p.Claim, p.Part).Add(ExactMoments.FromState(p.N, p.Sum, p.Squares));
        }
    }

    public IReadOnlyList<ClaimFoldState> State() =>
        [.. _parts.OrderBy(p => p.Key.Claim).ThenBy(p => p.Key.Part, StringComparer.Ordinal).Select(p =>
        {
            var (n, sum, squares) = p.Value.ToState();
            return new ClaimFoldState(p.Key.Claim, p.Key.Part, n, sum, squares);
        })];

    private ExactMoments Part(int claim, string part)
    {
        if (!_parts.TryGetValue((claim, part), out var moments))
        {
            moments = new ExactMoments();
            _parts[(claim, part)] = moments;
        }
        return moments;
    }
}
