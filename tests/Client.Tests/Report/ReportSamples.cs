using ContrastiveOrleans.Sweeps;
using ContrastiveOrleans.Client.Report;
using ContrastiveOrleans.Grains.Contracts;

namespace ContrastiveOrleans.Client.Tests.Report;

/// <summary>Hand-made curves and results for the report tests (no sweep is run).</summary>
internal static class ReportSamples
{
    public const string Hostile = "<script>alert(1)</script>";

    public static readonly CurveSpec Numeric = new("subspace-vs-noise", "noise", "method", "subspace_distance");
    public static readonly CurveSpec Categorical = new("by-loss", "loss", null, "nmi");
    public static readonly CurveSpec HostileCurve = new($"curve {Hostile}", "x", "kind", "value");

    public static IReadOnlyList<CurveRow> NumericRows =>
    [
        new("subspace-vs-noise", "infonce", "0", "subspace_distance", 0.1, 0.05, 0.15, 3),
        new("subspace-vs-noise", "infonce", "0.3", "subspace_distance", 0.2, 0.1, 0.3, 3),
        new("subspace-vs-noise", "pca", "0", "subspace_distance", 0.9, 0.85, 0.95, 3),
        new("subspace-vs-noise", "pca", "0.3", "subspace_distance", 0.95, 0.9, 1.0, 3),
    ];

    public static IReadOnlyList<CurveRow> CategoricalRows =>
    [
        new("by-loss", "", "infonce", "nmi", 0.8, 0.7, 0.9, 5),
        new("by-loss", "", "inverse", "nmi", 0.6, 0.5, 0.7, 5),
        new("by-loss", "", "power", "nmi", 0.7, 0.65, 0.75, 5),
    ];

    public static IReadOnlyList<CurveRow> HostileRows =>
    [
        new(HostileCurve.Name, Hostile, "1", "value", 1, 1, 1, 1),
        new(HostileCurve.Name, Hostile, "2", "value", 2, 2, 2, 1),
    ];

    public static PointResult Failure(string error, string paramsJson = "{\"x\":1.0}") =>
        new("0123456789abcdef0123456789abcdef", "bench-noop", paramsJson, 0, PointStatus.Failed, [], error, 5);

    public static PointResult Done(string paramsJson, double value, bool cached = false) =>
        new(Guid.NewGuid().ToString("N"), "bench-noop", paramsJson, 0, PointStatus.Done, new() { ["value"] = value }, null, 7, cached);

    /// <summary>Three curves (numeric with series, categorical, one whose names are script tags) and a hostile failure.</summary>
    public static ReportSnapshot Snapshot(string name = Hostile, bool live = false) => new(
        name,
        "bench-noop",
        $"name: demo\ndescription: \"{Hostile}\"\n",
        [Numeric, Categorical, HostileCurve],
        ResultSummary.Of([Done("{\"x\":1.0}", 1, cached: true), Done("{\"x\":2.0}", 2), Failure($"boom {Hostile} <img src=x onerror=alert(2)>", $"{{\"kind\":\"{Hostile}\"}}")]),
        [.. NumericRows, .. CategoricalRows, .. HostileRows],
        Total: 4,
        WallTime: TimeSpan.FromSeconds(12.5),
        Live: live,
        new DateTimeOffset(2026, 1, 2, 3, 4, 5, TimeSpan.Zero));
}
