using ContrastiveOrleans.Experiments.Abstractions;
using static TorchSharp.torch;

namespace ContrastiveOrleans.Experiments.Training;

/// <summary>One run of a packed InfoNCE program: its pairs, options, the generator it draws from and its progress.</summary>
public sealed record PackedRun(Tensor X, Tensor Partner, InfoNceOptions Options, Generator Generator, IProgress<TrainingProgress>? Progress);
