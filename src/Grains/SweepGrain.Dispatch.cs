using System.Collections.Immutable;
using ContrastiveOrleans.Grains.Contracts;
using ContrastiveOrleans.Grains.Telemetry;

namespace ContrastiveOrleans.Grains;

/// <summary>The sweep grain's dispatch side: points in flight up to the limit, their results recorded and aggregated.</summary>
public sealed partial class SweepGrain
{
    private void Dispatch()
    {
        while (State.State == SweepState.Running && _running.Count < _limit && _pending.TryDequeue(out var point))
        {
            _running.Add(point.Id);
            _ = RunPoint(point);
        }
        FinishIfIdle();
    }

    private async Task RunPoint(SweepPoint point)
    {
        SweepTelemetry.Enter(_activity);
        var result = await CallPoint(point).ConfigureAwait(true);
        if (result.Status == PointStatus.Cancelled)
        {
            State.Skipped++;
            SweepTelemetry.Skipped(State.Definition, 1);
        }
        else if (!_finished.Contains(point.Id))
        {
            // Recorded in the same turn as it leaves the running set, so a poll counts it exactly once.
            _finished.Add(point.Id);
            State.Results.Add(result);
            Aggregate(result);
        }
        _running.Remove(point.Id);
        _writer.MarkDirty();
        Dispatch();
    }

    /// <summary>
    /// One batch in flight to the aggregator at a time, holding whatever finished meanwhile: a grain call per batch, not
    /// per point. The sweep completes only once its curves hold every result.
    /// </summary>
    private void Aggregate(PointResult result)
    {
        _toAggregate.Add(result);
        if (!_aggregating) _ = PumpAggregates();
    }

    private async Task PumpAggregates()
    {
        _aggregating = true;
        while (_toAggregate.Count > 0)
        {
            ImmutableArray<PointResult> batch = [.. _toAggregate];
            _toAggregate.Clear();
            try
            {
                await Aggregator.Add(batch).ConfigureAwait(true);
            }
#pragma warning disable CA1031 // Curves are a summary; losing results there must not lose the results themselves.
            catch (Exception e)
#pragma warning restore CA1031
            {
                LogAggregatorFailed(logger, $"{batch[0].Id} and {batch.Length - 1} more", e);
            }
        }
        _aggregating = false;
        FinishIfIdle();
    }

    /// <summary>Experiment errors come back as failed results; an exception means the call itself failed: retry it.</summary>
    private async Task<PointResult> CallPoint(SweepPoint point)
    {
        for (var attempt = 1; ; attempt++)
        {
            try
            {
                return await GrainFactory.GetGrain<IPointGrain>(point.Id).Run(new PointRequest(point, State.Definition!.Device), _cancel.Token).ConfigureAwait(true);
            }
#pragma warning disable CA1031 // Any call failure is retried a bounded number of times, then reported as the point's failure.
            catch (Exception e)
#pragma warning restore CA1031
            {
                if (State.State != SweepState.Running) return PointResult.Cancellation(point);
                if (!_retry.ShouldRetry(attempt, out var delay)) return PointResult.Failure(point, $"{e.GetType().Name}: {e.Message}");
                LogPointRetry(logger, point.Id, attempt, delay.TotalSeconds, Describe(e));
                try
                {
                    await Task.Delay(delay, _cancel.Token).ConfigureAwait(true);
                }
                catch (OperationCanceledException)
                {
                    return PointResult.Cancellation(point);
                }
            }
        }
    }
}
