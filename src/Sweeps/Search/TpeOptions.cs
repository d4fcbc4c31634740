namespace ContrastiveOrleans.Sweeps.Search;

/// <summary>Settings of the tree-structured Parzen estimator: Optuna's 10 start-up trials and cap of 25 good trials,
/// hyperopt's γ = 0.25 share (of all trials, not of √n) and 24 candidates.</summary>
/// <param name="StartupTrials">Configurations drawn at random before the model is used.</param>
/// <param name="Gamma">Share of the trials, the best ones, that form the "good" density l(x).</param>
/// <param name="MaxGood">Cap on the good trials, so l(x) stays sharp in long searches.</param>
/// <param name="Candidates">Draws from l(x) among which the one maximising l(x)/g(x) is suggested.</param>
public sealed record TpeOptions(int StartupTrials = 10, double Gamma = 0.25, int MaxGood = 25, int Candidates = 24);
