using System.Globalization;
using ContrastiveOrleans.Grains.Contracts;
using ContrastiveOrleans.Sweeps;
using ContrastiveOrleans.Sweeps.Search;

namespace ContrastiveOrleans.Client;

/// <summary>How the CLI names what a sweep will run: its points, or an adaptive search's configurations and budget.</summary>
public static class SearchText
{
    /// <summary>"12 points", or "asha over 64 configurations x 1 seed (epochs 2, 6, 18, 32; η 3; fisher_ratio_rel, max)".</summary>
    public static string Points(SweepPlan plan)
    {
        ArgumentNullException.ThrowIfNull(plan);
        var search = plan.Spec.Search;
        if (!search.IsAdaptive) return string.Create(CultureInfo.InvariantCulture, $"{plan.Count} points");
        var configurations = search.Algorithm == SearchAlgorithm.Tpe ? search.Trials!.Value : plan.Count / plan.Spec.Seeds.Count;
        var seeds = plan.Spec.Seeds.Count;
        var how = search.Algorithm switch
        {
            SearchAlgorithm.Asha => $"{search.Resource} {string.Join(", ", search.Rungs())}; η {search.Reduction}; ",
            SearchAlgorithm.Median => $"stopped below the median of {MedianStoppingStrategy.MinCompleted}+ completed; ",
            _ => "",
        };
        return string.Create(CultureInfo.InvariantCulture,
            $"{SearchSpec.Name(search.Algorithm)} search over {configurations} configurations x {seeds} seed{(seeds == 1 ? "" : "s")} ({how}{search.Metric}, {(search.Maximize ? "max" : "min")})");
    }

    /// <summary>The lines `status` adds for a search: the strategy's state and the best configuration so far.</summary>
    public static IEnumerable<string> Status(SweepProgress progress)
    {
        ArgumentNullException.ThrowIfNull(progress);
        if (progress.Search is not { } s) yield break;
        yield return $"search: {s.Line}";
        yield return s switch
        {
            { Resource: { } resource, FullBudget: > 0 and var full } => string.Create(CultureInfo.InvariantCulture,
                $"spent: {s.ResourceSpent:0.##} of {full:0.##} {resource} ({100 * (1 - (s.ResourceSpent / full)):0.#}% saved against every configuration at its full budget) over {s.Units} decisions"),
            { Resource: { } resource } => string.Create(CultureInfo.InvariantCulture, $"spent: {s.ResourceSpent:0.##} {resource} over {s.Units} decisions"),
            _ => string.Create(CultureInfo.InvariantCulture, $"decisions: {s.Units}"),
        };
        yield return s.Best is { } best
            ? string.Create(CultureInfo.InvariantCulture, $"best {s.Metric} ({(s.Maximize ? "max" : "min")}): {best:G6} at {s.BestParams}")
            : $"best {s.Metric}: none finished yet";
    }
}
