using System.Globalization;

namespace ContrastiveOrleans.Experiments.Abstractions;

/// <summary>One metric an experiment reports: what it measures, the range it can take, and which way is better.</summary>
public sealed record MetricSpec(string Name, string Description, double? Min = null, double? Max = null, MetricGoal Goal = MetricGoal.None)
{
    public string RangeText()
    {
        var lo = Min is { } a ? a.ToString(CultureInfo.InvariantCulture) : "-inf";
        var hi = Max is { } b ? b.ToString(CultureInfo.InvariantCulture) : "inf";
        return $"[{lo}, {hi}]";
    }

    public string GoalText => Goal switch
    {
        MetricGoal.Higher => "higher is better",
        MetricGoal.Lower => "lower is better",
        _ => "no better direction",
    };
}
