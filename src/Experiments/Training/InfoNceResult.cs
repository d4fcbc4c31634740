using static TorchSharp.torch;

namespace ContrastiveOrleans.Experiments.Training;

/// <summary>A trained map (float64, CPU) and how training went.</summary>
public sealed record InfoNceResult(Tensor Map, double FinalLoss, long Steps, double TrainMilliseconds);
