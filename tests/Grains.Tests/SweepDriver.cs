using System.Collections.Immutable;
using ContrastiveOrleans.Grains.Contracts;
using ContrastiveOrleans.Sweeps;
using Orleans.Core.Internal;

namespace ContrastiveOrleans.Grains.Tests;

/// <summary>Submits a plan to the test cluster and polls it to the end, as the CLI does.</summary>
internal sealed class SweepDriver(IClusterClient client, SweepPlan plan)
{
    public ISweepGrain Grain { get; } = client.GetGrain<ISweepGrain>(plan.NewRunId());

    public Task<SweepProgress> Start() => Grain.Start(plan.ToDefinition(Grain.GetPrimaryKeyString()));

    public async Task<SweepProgress> WaitUntil(Func<SweepProgress, bool> condition)
    {
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(30));
        while (true)
        {
            var progress = await Grain.GetProgress();
            if (condition(progress)) return progress;
            await Task.Delay(20, timeout.Token);
        }
    }

    public async Task<(SweepProgress Progress, ImmutableArray<PointResult> Results)> RunToEnd()
    {
        await Start();
        var progress = await WaitUntil(p => p.IsFinal);
        return (progress, await Results(Grain));
    }

    /// <summary>Deactivates an idle root (a finished sweep: nothing calls it back) and returns once its activation is
    /// gone from the directory, so the next call makes a fresh one.</summary>
    public async Task Deactivate()
    {
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(30));
        var management = client.GetGrain<IManagementGrain>(0);
        // The directory knows the live activation, or the wait below would prove nothing.
        Assert.NotNull(await management.GetActivationAddress(Grain));
        await Grain.Cast<IGrainManagementExtension>().DeactivateOnIdle(timeout.Token);
        while (await management.GetActivationAddress(Grain) is not null) await Task.Delay(10, timeout.Token);
    }

    /// <summary>Every finished result in sweep order, page by page as the CLI reads them.</summary>
    public static async Task<ImmutableArray<PointResult>> Results(ISweepGrain grain, int pageSize = 3)
    {
        var all = ImmutableArray.CreateBuilder<PointResult>();
        for (var next = 0L; next >= 0;)
        {
            var page = await grain.GetResults(next, pageSize);
            all.AddRange(page.Results);
            next = page.Next;
        }
        return all.ToImmutable();
    }
}
