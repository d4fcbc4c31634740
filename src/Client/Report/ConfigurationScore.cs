using ContrastiveOrleans.Grains.Stats;

namespace ContrastiveOrleans.Client.Report;

/// <summary>
/// One configuration's score on a metric: the mean over its seeds with the 95% Student-t interval (none from one
/// seed), folded with the curves' own exact moments, so `best`, claims and curves.csv agree to the last digit whatever
/// order the points come in.
/// </summary>
public sealed class ConfigurationScore(string paramsJson)
{
    private readonly ExactMoments _moments = new();

    /// <summary>The configuration's parameters (canonical JSON, without the seed; empty where no configuration is meant).</summary>
    public string ParamsJson { get; } = paramsJson;

    public int N => checked((int)_moments.N);

    /// <summary>Its points that failed (counted, not scored).</summary>
    public int Failed { get; private set; }

    public double Mean => N == 0 ? double.NaN : _moments.Mean;

    public (double Low, double High) Interval => N < 2 ? (double.NaN, double.NaN) : _moments.ConfidenceInterval();

    public void Add(double value) => _moments.Add(value);

    public void AddFailure() => Failed++;
}
