using static TorchSharp.torch;

namespace ContrastiveOrleans.Experiments.Training;

/// <summary>The trained maps (float64, CPU; the partner map is the same tensor as Map unless two-tower) and how training went.</summary>
public sealed record InfoNceResult(Tensor Map, Tensor PartnerMap, double FinalLoss, long Steps, double TrainMilliseconds);
