using System.Globalization;
using ContrastiveOrleans.Experiments.Abstractions;
using ContrastiveOrleans.Grains.Contracts;
using ContrastiveOrleans.Grains.Stats;
using ContrastiveOrleans.Sweeps;

namespace ContrastiveOrleans.Client.Report;

/// <summary>
/// Checks a sweep's claims as its results stream past. Means, coverage laws and log-log fits are folded into the same
/// constant-size parts the shards keep for the live page (<see cref="ClaimFold"/>), so the final verdicts and the live
/// ones are one computation. Only a difference claim needs more: it pairs each side-a point with the side-b point of
/// the same seed and every other parameter and folds a − b, so its interval is over paired differences; it holds the
/// values of one side until their partners arrive.
/// </summary>
public sealed class ClaimChecker
{
    private readonly SweepSpec _spec;
    private readonly ClaimFold _parts;
    private readonly CurveSpec _repeats;
    private readonly PairedDifference?[] _pairs;

    private ClaimChecker(SweepSpec spec, ClaimFold parts)
    {
        _spec = spec;
        _parts = parts;
        // A claim pools every axis its where does not fix: see ClaimSpec.Pooling.
        _repeats = ClaimSpec.Pooling(spec);
        _pairs = [.. spec.Claims.Select(c => c.IsDifference ? new PairedDifference(c) : null)];
    }

    public int Count => _spec.Claims.Count;

    /// <summary>The checker of a sweep's claims, or null when it declares none.</summary>
    public static ClaimChecker? For(SweepSpec spec)
    {
        ArgumentNullException.ThrowIfNull(spec);
        return ClaimFold.For(spec) is { } parts ? new ClaimChecker(spec, parts) : null;
    }

    public void Add(PointResult result)
    {
        ArgumentNullException.ThrowIfNull(result);
        if (result.Status != PointStatus.Done) return;
        var parameters = ParameterSet.FromJson(result.ParamsJson);
        _parts.Add(result, parameters);
        var repeat = _repeats.IsPooledRepeat(parameters);
        foreach (var pair in _pairs) pair?.Add(result, parameters, repeat);
    }

    public IReadOnlyList<ClaimVerdict> Verdicts()
    {
        var seeds = Math.Max(1, _spec.Seeds.Count);
        var folded = Live(_spec, _parts.State());
        return [.. _spec.Claims.Select((c, i) => _pairs[i] is { } pair ? pair.Verdict(seeds) : folded[i])];
    }

    /// <summary>A difference claim's paired fold: a − b per (seed, every parameter but the sides').</summary>
    private sealed class PairedDifference(ClaimSpec claim)
    {
        private readonly ConfigurationScore _score = new("");
        private readonly Dictionary<string, (double? A, double? B, bool Repeats)> _pending = new(StringComparer.Ordinal);
        private readonly HashSet<string> _sideKeys = claim.A!.Select(kv => kv.Key).ToHashSet(StringComparer.Ordinal);

        /// <param name="repeat">The point repeats a computation counted elsewhere: a pair is skipped only when both of
        /// its points are repeats (a baseline repeated beside a distinct point is a distinct pair).</param>
        public void Add(PointResult result, ParameterSet parameters, bool repeat)
        {
            if (!result.Metrics.TryGetValue(claim.Metric, out var value) || !double.IsFinite(value) || !claim.Selects(parameters)) return;
            if (claim.SideOf(parameters) is not { } side) return;
            // The pair is the same seed and every parameter but the ones the sides differ in.
            var key = result.Seed.ToString(CultureInfo.InvariantCulture) + "|" + new ParameterSet(parameters.Where(p => !_sideKeys.Contains(p.Key))).ToCanonicalJson();
            var (a, b, repeats) = _pending.TryGetValue(key, out var found) ? found : (null, null, true);
            if (side == 'a') a = value;
            else b = value;
            repeats &= repeat;
            if (a is { } x && b is { } y)
            {
                if (!repeats) _score.Add(x - y);
                _pending.Remove(key);
            }
            else
            {
                _pending[key] = (a, b, repeats);
            }
        }

        public ClaimVerdict Verdict(int seeds) => Judge(claim, _score.N, _score.Mean, _score.Interval, seeds, "");
    }

    /// <summary>
    /// Verdicts from a sweep's claim folds (<see cref="ClaimFold"/>): means, coverage laws and fits as at the end, a
    /// difference claim from its two sides unpaired (the Welch interval of mean a − mean b), as the live page shows it
    /// while the sweep runs.
    /// </summary>
    public static IReadOnlyList<ClaimVerdict> Live(SweepSpec spec, IReadOnlyList<ClaimFoldState> parts)
    {
        ArgumentNullException.ThrowIfNull(spec);
        ArgumentNullException.ThrowIfNull(parts);
        var verdicts = new List<ClaimVerdict>(spec.Claims.Count);
        for (var c = 0; c < spec.Claims.Count; c++)
        {
            var claim = spec.Claims[c];
            var mine = parts.Where(p => p.Claim == c).ToDictionary(p => p.Part, p => ExactMoments.FromState(p.N, p.Sum, p.Squares), StringComparer.Ordinal);
            if (claim.IsCoverageLaw)
            {
                var law = new SplitConformalLaw();
                foreach (var (part, moments) in mine)
                {
                    var f = part.Split(' ');
                    if (f is ["law", var n, var k, var m])
                    {
                        law.Add(long.Parse(n, CultureInfo.InvariantCulture), long.Parse(k, CultureInfo.InvariantCulture), long.Parse(m, CultureInfo.InvariantCulture),
                            moments.N, (long)Math.Round(moments.Mean * moments.N));
                    }
                }
                verdicts.Add(CoverageVerdict(claim, law));
            }
            else if (claim.SlopeAxis is not null)
            {
                var fits = new Dictionary<char, LogLogFit>();
                foreach (var side in (char[])['f', 'a', 'b'])
                {
                    if (mine.TryGetValue($"{side} log x", out var x) && mine.TryGetValue($"{side} log y", out var y) && mine.TryGetValue($"{side} log x+y", out var xy))
                    {
                        var fit = new LogLogFit();
                        fit.Add(x, y, xy);
                        fits[side] = fit;
                    }
                }
                verdicts.Add(FitVerdict(claim, fits, Math.Max(1, spec.Seeds.Count), ""));
            }
            else if (!claim.IsDifference)
            {
                var moments = mine.GetValueOrDefault("mean") ?? new ExactMoments();
                verdicts.Add(Judge(claim, checked((int)moments.N), moments.Mean, moments.N < 2 ? (double.NaN, double.NaN) : moments.ConfidenceInterval(), Math.Max(1, spec.Seeds.Count), ""));
            }
            else
            {
                var a = mine.GetValueOrDefault("a") ?? new ExactMoments();
                var b = mine.GetValueOrDefault("b") ?? new ExactMoments();
                var n = checked((int)Math.Min(a.N, b.N));
                if (n == 0 && a.N + b.N > 0)
                {
                    // One side has values: say which one the verdict waits for.
                    verdicts.Add(new ClaimVerdict(claim, 0, double.NaN, double.NaN, double.NaN, ClaimVerdict.Inconclusive,
                        $"no values of side {(a.N == 0 ? "a" : "b")} yet ({Math.Max(a.N, b.N)} of the other); unpaired until the run ends"));
                    continue;
                }
                var difference = a.Mean - b.Mean;
                var interval = CurveComparison.Interval(difference, Math.Sqrt(a.Variance / a.N), checked((int)a.N), Math.Sqrt(b.Variance / b.N), checked((int)b.N));
                verdicts.Add(Judge(claim, n, n == 0 ? double.NaN : difference, interval, spec.Seeds.Count, "unpaired until the run ends"));
            }
        }
        return verdicts;
    }

    private static ClaimVerdict CoverageVerdict(ClaimSpec claim, SplitConformalLaw law)
    {
        if (law.Points == 0) return new ClaimVerdict(claim, 0, double.NaN, double.NaN, double.NaN, ClaimVerdict.Inconclusive, "no values yet");
        var (low, high, exact) = law.Band();
        double anchors = law.Anchors;
        var how = exact ? "the exact law's 95% band" : "the 95% band of the law's normal approximation (exact mean and variance; too many anchors to convolve)";
        var verdict = law.Covered < low || law.Covered > high ? ClaimVerdict.Fails : ClaimVerdict.Holds;
        var note = law.Covered < low ? $"below {how}: less coverage than the guarantee allows"
            : law.Covered > high ? $"above {how}: more coverage than 1−α+1/(n+1) allows (tied or dependent scores)"
            : $"inside {how} for {law.Covered} covered of {law.Anchors} test anchors";
        return new ClaimVerdict(claim, checked((int)law.Points), law.Covered / anchors, low / anchors, high / anchors, verdict, note);
    }

    /// <summary>
    /// A slope claim: the least-squares slope of log metric on log x with its 95% t interval. An efficiency claim: the
    /// ratio exp((α_b − α_a)/β) of the two sides' lines with a common slope β, its interval exp(log ratio ± t·se) by
    /// the delta method.
    /// </summary>
    private static ClaimVerdict FitVerdict(ClaimSpec claim, IReadOnlyDictionary<char, LogLogFit> fits, int seeds, string live)
    {
        if (claim.IsSlope)
        {
            var fit = fits.GetValueOrDefault('f') ?? new LogLogFit();
            var (slope, se, df) = fit.Slope();
            if (double.IsNaN(slope)) return Judge(claim, (int)Math.Min(fit.N, 1), double.NaN, (double.NaN, double.NaN), seeds, Join("a line needs three or more points at two or more x", live));
            var half = StudentT.Quantile(0.975, df) * se;
            var intercept = fit.Y.Mean - (slope * fit.X.Mean);
            return Judge(claim, checked((int)fit.N), slope, (slope - half, slope + half), seeds,
                Join(string.Create(CultureInfo.InvariantCulture, $"fit: log {claim.Metric} = {intercept:0.###} {(slope < 0 ? "−" : "+")} {Math.Abs(slope):0.###}·log {claim.SlopeAxis}"), live));
        }
        var a = fits.GetValueOrDefault('a') ?? new LogLogFit();
        var b = fits.GetValueOrDefault('b') ?? new LogLogFit();
        var (logRatio, error, dof) = LogLogFit.Efficiency(a, b);
        var n = checked((int)Math.Min(a.N, b.N));
        if (double.IsNaN(logRatio)) return Judge(claim, Math.Min(n, 1), double.NaN, (double.NaN, double.NaN), seeds, Join("each side needs two or more points, at two or more x together", live));
        var t = StudentT.Quantile(0.975, dof) * error;
        return Judge(claim, n, Math.Exp(logRatio), (Math.Exp(logRatio - t), Math.Exp(logRatio + t)), seeds, live);
    }

    private static string Join(string a, string b) => a.Length == 0 ? b : b.Length == 0 ? a : $"{a}; {b}";

    /// <summary>The verdict of a mean (or difference) with its 95% interval against the claim's bound.</summary>
    private static ClaimVerdict Judge(ClaimSpec claim, int n, double mean, (double Low, double High) interval, int seeds, string live)
    {
        if (n < 2 || double.IsNaN(interval.Low))
        {
            return new ClaimVerdict(claim, n, n >= 1 ? mean : double.NaN, double.NaN, double.NaN, ClaimVerdict.Inconclusive,
                Join(n == 0 ? "no values yet" : "one value: an interval needs two or more seeds", live));
        }
        var (low, high) = interval;
        var bound = claim.Bound;
        var holds = claim.AtLeast ? low >= bound : high <= bound;
        var fails = claim.AtLeast ? high < bound : low > bound;
        if (holds) return new ClaimVerdict(claim, n, mean, low, high, ClaimVerdict.Holds, live);
        if (fails) return new ClaimVerdict(claim, n, mean, low, high, ClaimVerdict.Fails, live);
        // The half-width shrinks as 1/√n: the interval clears the bound at about n·(half/gap)² values.
        var gap = Math.Abs(mean - bound);
        var half = (high - low) / 2;
        var note = gap == 0
            ? "the mean sits on the bound: more seeds will not settle it"
            : string.Create(CultureInfo.InvariantCulture, $"about {Math.Ceiling(seeds * (half / gap) * (half / gap))} seeds would likely settle it (now {seeds})");
        return new ClaimVerdict(claim, n, mean, low, high, ClaimVerdict.Inconclusive, Join(note, live));
    }
}
