using ContrastiveOrleans.Experiments.Abstractions;

namespace ContrastiveOrleans.Sweeps.Search;

/// <summary>
/// An adaptive search over a sweep file: its configurations (for asha and median, the plan's cells and draws in plan
/// order, each as its resolved parameters; for tpe, proposals), the strategy that chooses among them, and the points a
/// unit runs: one per seed, content-addressed like any point (asha's rung sets the resource, so a rung at the grid's
/// budget is the grid's point and is found in the cache).
/// </summary>
public sealed class SearchPlan
{
    private readonly List<string> _configurations = [];

    public SearchPlan(SweepSpec spec)
    {
        ArgumentNullException.ThrowIfNull(spec);
        if (!spec.Search.IsAdaptive) throw new ArgumentException("the sweep is not an adaptive search", nameof(spec));
        Spec = spec;
        Plan = SweepPlan.Of(spec);
        if (Search.Algorithm != SearchAlgorithm.Tpe)
        {
            // One per configuration: the first seed's point of each (cell, draw).
            foreach (var point in Plan.Points())
            {
                if (point.Index % spec.Seeds.Count == 0) _configurations.Add(point.ParamsJson);
            }
        }
    }

    public SweepSpec Spec { get; }

    public SweepPlan Plan { get; }

    public SearchSpec Search => Spec.Search;

    /// <summary>Configurations the strategy chooses among (tpe: how many it proposes).</summary>
    public int Configurations => Search.Algorithm == SearchAlgorithm.Tpe ? Search.Trials!.Value : _configurations.Count;

    /// <summary>A fresh strategy: replaying the same starts and outcomes into it rebuilds the sweep's decisions.</summary>
    public SearchStrategy NewStrategy() => Search.Algorithm switch
    {
        SearchAlgorithm.Asha => new AshaStrategy(_configurations.Count, Search.Rungs(), Search.Reduction, Search.Maximize, Search.Seed),
        SearchAlgorithm.Median => new MedianStoppingStrategy(_configurations.Count, Search.Metric!, Search.Maximize, Search.Seed, Search.Grace),
        _ => new TpeStrategy(Spec.Random!.Space, Search.Trials!.Value, Search.Maximize, Search.Seed),
    };

    /// <summary>The unit's points, one per seed at index sequence × seeds + seed position; or the error that keeps them from running.</summary>
    public (IReadOnlyList<PlannedPoint> Points, string? Error) Points(SearchUnit unit)
    {
        ArgumentNullException.ThrowIfNull(unit);
        var experiment = Spec.Experiment;
        var given = unit.Proposed is { } proposed
            ? new ParameterSet(Spec.Params).With(proposed)
            : ParameterSet.FromJson(_configurations[unit.Trial]);
        if (unit.Resource is { } resource) given = given.With([new(Search.Resource!, resource)]);
        var (resolved, errors) = ExperimentCatalog.Resolve(experiment, given, checkCombination: true);
        if (errors.Count > 0) return ([], errors[0]);
        var json = resolved.ToCanonicalJson();
        var seeds = Spec.Seeds;
        var points = new PlannedPoint[seeds.Count];
        for (var s = 0; s < seeds.Count; s++)
        {
            points[s] = new PlannedPoint(((long)unit.Sequence * seeds.Count) + s, PointIds.For(experiment, resolved, seeds[s]), experiment.Name, json, seeds[s]);
        }
        return (points, null);
    }

    /// <summary>What every configuration at its full budget would spend over the seeds (asha: max_resource each;
    /// median: each one's own resource), the account a search's spending is set against; null without a resource or
    /// for tpe (its proposals have no full set to compare with).</summary>
    public double? FullBudget => (_fullBudget ??= new Lazy<double?>(ComputeFullBudget)).Value;

    private Lazy<double?>? _fullBudget;

    private double? ComputeFullBudget()
    {
        if (Search.Resource is not { } name) return null;
        var seeds = Spec.Seeds.Count;
        return Search.Algorithm switch
        {
            SearchAlgorithm.Asha => (double)_configurations.Count * Search.MaxResource * seeds,
            SearchAlgorithm.Median => _configurations.Sum(c => ParameterSet.FromJson(c).TryGetValue(name, out var v) && v is long l ? (double)l : 0) * seeds,
            _ => null,
        };
    }

    /// <summary>The resource a unit's points spend (asha's rung budget, else the configuration's value), or null without one.</summary>
    public long? Budget(SearchUnit unit, string paramsJson)
    {
        ArgumentNullException.ThrowIfNull(unit);
        if (unit.Resource is { } r) return r;
        return Search.Resource is { } name && ParameterSet.FromJson(paramsJson).TryGetValue(name, out var v) && v is long l ? l : null;
    }
}
