using System.Collections.Concurrent;
using System.Runtime.InteropServices;
using ContrastiveOrleans.Experiments.Abstractions;

namespace ContrastiveOrleans.Grains.Tests;

/// <summary>
/// Throws libtorch's error the way TorchSharp reports it (an <see cref="ExternalException"/>) on the first
/// <c>fails</c> runs of each <c>key</c>, then returns its run count: the shape of the finalized-Scalar race.
/// </summary>
public sealed class NativeFlakyExperiment : IExperiment
{
    public const string ExperimentName = "native-flaky";

    private static readonly ConcurrentDictionary<string, int> Runs = new(StringComparer.Ordinal);

    public static int RunsOf(string key) => Runs.GetValueOrDefault(key);

    public string Name => ExperimentName;
    public string Version => "1";
    public string Description => "Fails natively a given number of times per key (tests the native retry).";
    public bool UsesTorch => false;

    public IReadOnlyList<ParameterSpec> Parameters { get; } =
    [
        new("key", ParameterKind.Text, "", "Counts runs per key."),
        new("fails", ParameterKind.Integer, 0L, "Runs of the key that throw before one succeeds.", Min: 0, Max: 100),
    ];

    public IReadOnlyList<string> Metrics { get; } = ["runs"];

    public IReadOnlyList<string> ValidateCombination(ParameterSet parameters) => [];

    public IReadOnlyDictionary<string, double> Run(ExperimentContext context, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(context);
        var runs = Runs.AddOrUpdate(context.Parameters.GetString("key"), 1, (_, n) => n + 1);
        if (runs <= context.Parameters.GetDouble("fails"))
#pragma warning disable CA2201 // The runtime's type is the point: TorchSharp reports libtorch's errors as it.
            throw new ExternalException("Expected false to be true, but got false.  (Could this error message be improved?  If so, please report an enhancement request to PyTorch.)");
#pragma warning restore CA2201
        return new Dictionary<string, double> { ["runs"] = runs };
    }
}
