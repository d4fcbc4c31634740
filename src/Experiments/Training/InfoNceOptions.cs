namespace ContrastiveOrleans.Experiments.Training;

/// <summary>Hyperparameters of a linear InfoNCE run.</summary>
/// <param name="Rank">r: rows of the map A (r×d).</param>
/// <param name="Epochs">Passes over the pairs.</param>
/// <param name="Batch">Pairs per step; the other pairs of the batch are the negatives.</param>
/// <param name="LearningRate">Step size.</param>
/// <param name="Optimizer">"adam" or "sgd" (momentum 0.9).</param>
/// <param name="Temperature">τ.</param>
/// <param name="Normalize">Cosine similarity on unit-normalised outputs instead of the inner product.</param>
/// <param name="Symmetric">Average the x→x⁺ and x⁺→x directions (CLIP style).</param>
/// <param name="TwoTower">Give the partner its own map B (CLIP) instead of sharing A.</param>
/// <param name="Schedule">"cosine" (annealed to 0 over the run) or "constant".</param>
/// <param name="EvalEvery">Epochs between evaluations of the map during training (0: none); see LinearInfoNce.Train.</param>
public sealed record InfoNceOptions(
    int Rank,
    int Epochs,
    int Batch,
    double LearningRate,
    string Optimizer = "adam",
    double Temperature = 0.5,
    bool Normalize = false,
    bool Symmetric = false,
    string Schedule = "cosine",
    bool TwoTower = false,
    int EvalEvery = 0);
