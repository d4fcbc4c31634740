namespace ContrastiveOrleans.Experiments.AlphaCl;

/// <summary>Optimisation schedule shared by contrastive training and the fixed-α ascent.</summary>
/// <param name="Epochs">Passes over the pairs (contrastive) — see <see cref="FixedAlphaAscent"/> for its step count.</param>
/// <param name="Batch">Pairs N per step; a step sees 2N rows.</param>
/// <param name="LearningRate">Adam step size, annealed to 0 by a cosine schedule.</param>
public sealed record TrainingOptions(int Epochs, int Batch, double LearningRate);
