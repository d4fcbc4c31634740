using System.Globalization;
using System.Text.Json;
using ContrastiveOrleans.Experiments.Abstractions;
using ContrastiveOrleans.Grains.Contracts;

namespace ContrastiveOrleans.Grains.Storage;

/// <summary>
/// The JSON form of a result, shared by the store files and points.jsonl: id, experiment, params (object), seed,
/// status ("done"|"failed"|"stopped"), metrics (object of numbers), error (string or null), duration_ms, cached, run (the sweep
/// run that computed it), provenance (tool, commit, experiment_version, torchsharp, libtorch, device, threads, host,
/// started_at, finished_at) and curve (total_steps, step[], loss[]: the learning curve of a training run). The last
/// three are absent in results stored before they were recorded, and curve for runs that do not train. In points.jsonl
/// of an adaptive search, search (unit, trial, rung, resource, reason) says where the search put the point.
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
        if (result.Provenance is { } p)
        {
            writer.WriteStartObject("provenance");
            writer.WriteString("tool", p.Tool);
            writer.WriteString("commit", p.Commit);
            writer.WriteString("experiment_version", p.ExperimentVersion);
            writer.WriteString("torchsharp", p.TorchSharp);
            writer.WriteString("libtorch", p.LibTorch);
            writer.WriteString("device", p.Device);
            writer.WriteNumber("threads", p.Threads);
            writer.WriteString("host", p.Host);
            writer.WriteString("started_at", p.StartedAt.UtcDateTime.ToString("O", CultureInfo.InvariantCulture));
            writer.WriteString("finished_at", p.FinishedAt.UtcDateTime.ToString("O", CultureInfo.InvariantCulture));
            // Only for a packed run, so a result computed alone reads as before.
            if (p.Packed > 1) writer.WriteNumber("packed", p.Packed);
            writer.WriteEndObject();
        }
        if (result.Curve is { } c)
        {
            writer.WriteStartObject("curve");
            writer.WriteNumber("total_steps", c.TotalSteps);
            writer.WriteStartArray("step");
            foreach (var step in c.Steps) writer.WriteNumberValue(step);
            writer.WriteEndArray();
            writer.WriteStartArray("loss");
            foreach (var loss in c.Loss) writer.WriteRawValue(ParameterSet.FormatDouble(loss));
            writer.WriteEndArray();
            if (c.EvalSteps is { } evalSteps && c.Eval is { } eval)
            {
                writer.WriteStartObject("eval");
                writer.WriteStartArray("step");
                foreach (var step in evalSteps) writer.WriteNumberValue(step);
                writer.WriteEndArray();
                foreach (var (name, values) in eval.OrderBy(kv => kv.Key, StringComparer.Ordinal))
                {
                    writer.WriteStartArray(name);
                    // A metric a run did not report at some evaluation is null there.
                    foreach (var v in values)
                    {
                        if (double.IsFinite(v)) writer.WriteRawValue(ParameterSet.FormatDouble(v));
                        else writer.WriteNullValue();
                    }
                    writer.WriteEndArray();
                }
                writer.WriteEndObject();
            }
            writer.WriteEndObject();
        }
        if (result.Search is { } mark)
        {
            writer.WriteStartObject("search");
            writer.WriteNumber("unit", mark.Unit);
            writer.WriteNumber("trial", mark.Trial);
            writer.WriteNumber("rung", mark.Rung);
            if (mark.Resource is { } resource) writer.WriteNumber("resource", resource);
            writer.WriteString("reason", mark.Reason);
            writer.WriteEndObject();
        }
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
            "stopped" => PointStatus.Stopped,
            var other => throw new FormatException($"status: '{other}' is not done, failed or stopped"),
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
            e.TryGetProperty("run", out var run) && run.ValueKind == JsonValueKind.String ? run.GetString() : null,
            e.TryGetProperty("provenance", out var provenance) && provenance.ValueKind == JsonValueKind.Object ? ReadProvenance(provenance) : null,
            e.TryGetProperty("curve", out var curve) && curve.ValueKind == JsonValueKind.Object ? ReadCurve(curve) : null,
            e.TryGetProperty("search", out var search) && search.ValueKind == JsonValueKind.Object ? ReadSearch(search) : null);
    }

    private static SearchMark ReadSearch(JsonElement s) => new(
        s.GetProperty("unit").GetInt32(),
        s.GetProperty("trial").GetInt32(),
        s.GetProperty("rung").GetInt32(),
        s.TryGetProperty("resource", out var resource) ? resource.GetInt64() : null,
        s.GetProperty("reason").GetString()!);

    private static PointProvenance ReadProvenance(JsonElement p) => new(
        p.GetProperty("tool").GetString()!,
        p.GetProperty("commit").GetString(),
        p.GetProperty("experiment_version").GetString()!,
        p.GetProperty("torchsharp").GetString(),
        p.GetProperty("libtorch").GetString(),
        p.GetProperty("device").GetString()!,
        p.GetProperty("threads").GetInt32(),
        p.GetProperty("host").GetString()!,
        DateTimeOffset.Parse(p.GetProperty("started_at").GetString()!, CultureInfo.InvariantCulture, DateTimeStyles.RoundtripKind),
        DateTimeOffset.Parse(p.GetProperty("finished_at").GetString()!, CultureInfo.InvariantCulture, DateTimeStyles.RoundtripKind),
        p.TryGetProperty("packed", out var packed) ? packed.GetInt32() : 1);

    private static LearningCurve ReadCurve(JsonElement c)
    {
        long[] steps = [.. c.GetProperty("step").EnumerateArray().Select(v => v.GetInt64())];
        double[] loss = [.. c.GetProperty("loss").EnumerateArray().Select(v => v.GetDouble())];
        if (steps.Length != loss.Length) throw new FormatException("curve: step and loss differ in length");
        if (!c.TryGetProperty("eval", out var e) || e.ValueKind != JsonValueKind.Object) return new LearningCurve(c.GetProperty("total_steps").GetInt64(), steps, loss);
        long[] evalSteps = [.. e.GetProperty("step").EnumerateArray().Select(v => v.GetInt64())];
        var eval = e.EnumerateObject().Where(p => p.Name != "step").ToDictionary(p => p.Name,
            p => p.Value.EnumerateArray().Select(v => v.ValueKind == JsonValueKind.Null ? double.NaN : v.GetDouble()).ToArray(), StringComparer.Ordinal);
        if (eval.Values.Any(v => v.Length != evalSteps.Length)) throw new FormatException("curve.eval: a metric's values differ in length from its steps");
        return new LearningCurve(c.GetProperty("total_steps").GetInt64(), steps, loss, evalSteps, eval);
    }

    public static string StatusText(PointStatus status) => status switch
    {
        PointStatus.Done => "done",
        PointStatus.Failed => "failed",
        PointStatus.Stopped => "stopped",
        _ => "cancelled",
    };
}
