using System.Text.Json;

namespace ContrastiveOrleans.Cluster.Tests;

/// <summary>A temp directory with a bench-noop sweep file; reads back the output directories runs write.</summary>
internal sealed class Workspace : IDisposable
{
    public string Root { get; } = Directory.CreateTempSubdirectory("contrastive-cluster-").FullName;

    public string Path(string name) => System.IO.Path.Combine(Root, name);

    /// <summary>Deterministic points (value = x, seed) with enough sleep that a sweep is still running when a test intervenes.</summary>
    public string Spec(string name, int xs, int seeds, int sleepMs)
    {
        var path = Path(name + ".yaml");
        File.WriteAllText(path, $"""
            name: {name}
            experiment: bench-noop
            seeds: {seeds}
            params: {"{"}sleep_ms: {sleepMs}{"}"}
            grid:
              x: [{string.Join(", ", Enumerable.Range(1, xs))}]
            curves:
              - {"{"}name: value-vs-x, x: x, metric: value{"}"}
            """);
        return path;
    }

    /// <summary>points.jsonl as (id → status, metrics), asserting each id appears once.</summary>
    public static Dictionary<string, (string Status, Dictionary<string, double> Metrics)> Points(string outDir)
    {
        var points = new Dictionary<string, (string, Dictionary<string, double>)>(StringComparer.Ordinal);
        foreach (var line in File.ReadAllLines(System.IO.Path.Combine(outDir, "points.jsonl")))
        {
            using var doc = JsonDocument.Parse(line);
            var e = doc.RootElement;
            var metrics = e.GetProperty("metrics").EnumerateObject().ToDictionary(p => p.Name, p => p.Value.GetDouble(), StringComparer.Ordinal);
            Assert.True(points.TryAdd(e.GetProperty("id").GetString()!, (e.GetProperty("status").GetString()!, metrics)), "a point appears twice in points.jsonl");
        }
        return points;
    }

    public void Dispose()
    {
        if (Directory.Exists(Root)) Directory.Delete(Root, recursive: true);
    }
}
