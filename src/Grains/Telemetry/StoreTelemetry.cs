using System.Diagnostics;
using ContrastiveOrleans.Grains.Contracts;
using ContrastiveOrleans.Grains.Storage;

namespace ContrastiveOrleans.Grains.Telemetry;

/// <summary>Result-store calls with a span ("store.get", "store.put") and their latency, whatever the store.</summary>
public static class StoreTelemetry
{
    public const string OperationTag = "contrastive.store.operation";

    public static async Task<PointResult?> TryGet(IResultStore store, string pointId, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(store);
        using var activity = ContrastiveTelemetry.Source.StartActivity("store.get")?.SetTag(PointTelemetry.PointIdTag, pointId);
        var started = Stopwatch.GetTimestamp();
        try
        {
            var result = await store.TryGet(pointId, cancellationToken).ConfigureAwait(true);
            activity?.SetTag("contrastive.store.hit", result is not null);
            return result;
        }
        finally
        {
            Record("get", started);
        }
    }

    public static async Task Put(IResultStore store, PointResult result, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(store);
        ArgumentNullException.ThrowIfNull(result);
        using var activity = ContrastiveTelemetry.Source.StartActivity("store.put")?.SetTag(PointTelemetry.PointIdTag, result.Id);
        var started = Stopwatch.GetTimestamp();
        try
        {
            await store.Put(result, cancellationToken).ConfigureAwait(true);
        }
        finally
        {
            Record("put", started);
        }
    }

    private static void Record(string operation, long started)
    {
        if (!ContrastiveTelemetry.StoreDuration.Enabled) return;
        ContrastiveTelemetry.StoreDuration.Record(Stopwatch.GetElapsedTime(started).TotalSeconds, new TagList { { OperationTag, operation } });
    }
}
