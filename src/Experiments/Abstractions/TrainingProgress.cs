namespace ContrastiveOrleans.Experiments.Abstractions;

/// <summary>A training run's position: step of total steps and the latest loss.</summary>
public readonly record struct TrainingProgress(long Step, long TotalSteps, double Loss);
