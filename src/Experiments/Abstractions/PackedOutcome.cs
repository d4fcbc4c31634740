namespace ContrastiveOrleans.Experiments.Abstractions;

/// <summary>One point's outcome in a packed run: its metrics, or the exception that failed it (and only it).</summary>
public sealed record PackedOutcome(IReadOnlyDictionary<string, double>? Metrics, Exception? Error)
{
    public static PackedOutcome Done(IReadOnlyDictionary<string, double> metrics) => new(metrics, null);

    public static PackedOutcome Failed(Exception error) => new(null, error);
}
