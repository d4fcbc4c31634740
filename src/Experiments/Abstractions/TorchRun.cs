using TorchSharp;
using static TorchSharp.torch;

namespace ContrastiveOrleans.Experiments.Abstractions;

/// <summary>
/// The setup a torch experiment's run shares with the others: the point's threads, one dispose scope that frees every
/// tensor the run makes, and one generator per random stream (data, model, evaluation) seeded from the point's seed,
/// so a change in how one stream is drawn never shifts another.
/// </summary>
public sealed class TorchRun : IDisposable
{
    private readonly DisposeScope _scope;
    private readonly Generator[] _streams;

    private TorchRun(ExperimentContext context)
    {
        Device = Devices.ToTorch(context.Device);
        // Small problems are per-op bound; more intra-op threads than asked only contend with the other workers.
        Devices.UseThreads(context.Threads);
        _scope = NewDisposeScope();
        _streams = [.. Enumerable.Range(0, 3).Select(stream => new Generator(Devices.StreamSeed(context.Seed, stream)))];
    }

    public static TorchRun Start(ExperimentContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        return new TorchRun(context);
    }

    public Device Device { get; }

    /// <summary>Draws the data (mixture parameters and samples).</summary>
    public Generator Data => _streams[0];

    /// <summary>Initialises and trains the model, and any randomised baseline.</summary>
    public Generator Model => _streams[1];

    /// <summary>Randomness of the evaluation only (e.g. k-means restarts where a run keeps them apart).</summary>
    public Generator Evaluation => _streams[2];

    public void Dispose()
    {
        foreach (var generator in _streams) generator.Dispose();
        _scope.Dispose();
    }
}
