namespace ContrastiveOrleans.Grains.Contracts;

/// <summary>
/// What produced a result: the tool and experiment versions, the native stack, where and when it ran. A cached result
/// keeps the provenance of the run that computed it.
/// </summary>
/// <param name="Tool">The tool's version ("1.0.0").</param>
/// <param name="Commit">The source commit the tool was built from; null for a build outside a git checkout.</param>
/// <param name="ExperimentVersion">The experiment's version (part of the point id).</param>
/// <param name="TorchSharp">TorchSharp's version; null for an experiment that does not load libtorch.</param>
/// <param name="LibTorch">The libtorch the process loaded; null for an experiment that does not load it.</param>
/// <param name="Device">The device the run used ("cpu", "cuda").</param>
/// <param name="Threads">Intra-op threads the run was given.</param>
/// <param name="Host">The machine's name.</param>
/// <param name="StartedAt">When the run started (UTC).</param>
/// <param name="FinishedAt">When it ended (UTC).</param>
/// <param name="Packed">Points in the program that trained it (resources.pack): 1 when it ran alone.</param>
[GenerateSerializer, Immutable]
public sealed record PointProvenance(
    [Id(0)] string Tool,
    [Id(1)] string? Commit,
    [Id(2)] string ExperimentVersion,
    [Id(3)] string? TorchSharp,
    [Id(4)] string? LibTorch,
    [Id(5)] string Device,
    [Id(6)] int Threads,
    [Id(7)] string Host,
    [Id(8)] DateTimeOffset StartedAt,
    [Id(9)] DateTimeOffset FinishedAt,
    [Id(10)] int Packed = 1);
