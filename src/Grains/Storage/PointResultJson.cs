using System.Text.Json;
using ContrastiveOrleans.Experiments.Abstractions;
using ContrastiveOrleans.Grains.Contracts;

namespace ContrastiveOrleans.Grains.Storage;

/// <summary>
/// The JSON form of a result, shared by the store files and points.jsonl: id, experiment, params (object), seed,
/// status ("done"|"failed"), metrics (object of numbers), error (string or null), duration_ms, cached, and run (the sweep
/// run that computed it; absent in results stored before runs were recorded).
/// </summary>
public static class PointResultJson
{
    public static void Write(Utf8JsonWriter writer, PointResult result)
    {
        ArgumentNullException.ThrowIfNull(writer);
        ArgumentNullException.ThrowIfNull(result);
        writer.WriteStartObject();
        writer.WriteString("id", result.Id);
        writer.WriteString("experiment", result.Experiment);
        writer.WritePropertyName("params");
        writer.WriteRawValue(result.ParamsJson);
        writer.WriteNumber("seed", result.Seed);
        writer.WriteString("status", StatusText(result.Status));
        writer.WriteStartObject("metrics");
        foreach (var (name, value) in result.Metrics.OrderBy(kv => kv.Key, StringComparer.Ordinal))
        {
            writer.WritePropertyName(name);
            writer.WriteRawValue(ParameterSet.FormatDouble(value));
        }
        writer.WriteEndObject();
        if (result.Error is null) writer.WriteNull("error");
        else writer.WriteString("error", result.Error);
        writer.WriteNumber("duration_ms", result.DurationMs);
        writer.WriteBoolean("cached", result.Cached);
        if (result.RunId is not null) writer.WriteString("run", result.RunId);
        writer.WriteEndObject();
    }

    public static string ToJson(PointResult result)
    {
        using var buffer = new MemoryStream();
        using (var writer = new Utf8JsonWriter(buffer))
        {
            Write(writer, result);
        }
        return System.Text.Encoding.UTF8.GetString(buffer.ToArray());
    }

    public static PointResult Read(JsonElement e)
    {
        var metrics = e.GetProperty("metrics").EnumerateObject().ToDictionary(p => p.Name, p => p.Value.GetDouble(), StringComparer.Ordinal);
        var status = e.GetProperty("status").GetString() switch
        {
            "done" => PointStatus.Done,
            "failed" => PointStatus.Failed,
            var other => throw new FormatException($"status: '{other}' is not done or failed"),
        };
        var error = e.GetProperty("error");
        return new PointResult(
            e.GetProperty("id").GetString()!,
            e.GetProperty("experiment").GetString()!,
            ParameterSet.FromJson(e.GetProperty("params")).ToCanonicalJson(),
            e.GetProperty("seed").GetInt32(),
            status,
            metrics,
            error.ValueKind == JsonValueKind.Null ? null : error.GetString(),
            e.GetProperty("duration_ms").GetInt64(),
            e.TryGetProperty("cached", out var cached) && cached.GetBoolean(),
            e.TryGetProperty("run", out var run) && run.ValueKind == JsonValueKind.String ? run.GetString() : null);
    }

    public static string StatusText(PointStatus status) => status switch
    {
        PointStatus.Done => "done",
        PointStatus.Failed => "failed",
        _ => "cancelled",
    };
}
