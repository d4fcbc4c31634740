namespace ContrastiveOrleans.Experiments.Abstractions;

/// <summary>A training run's position: step of total steps and the latest loss, and, at the epochs an experiment
/// evaluates during training, the evaluation metrics (e.g. the subspace distance) of the model as it stands.</summary>
public readonly record struct TrainingProgress(long Step, long TotalSteps, double Loss, IReadOnlyDictionary<string, double>? Metrics = null);
