using ContrastiveOrleans.Experiments.Abstractions;
using ContrastiveOrleans.Experiments.Training;

namespace ContrastiveOrleans.Experiments.Gmm;

/// <summary>Parameter specs shared by the GMM experiments, so every experiment spells and bounds them alike.</summary>
public static class GmmParameters
{
    public static ParameterSpec K { get; } = new("k", ParameterKind.Integer, 4L, "Number of mixture components.", Min: 2, Max: 1000);
    public static ParameterSpec R { get; } = new("r", ParameterKind.Integer, 3L, "Rows of the learned map A (r ≥ k−1 to hold the Fisher subspace).", Min: 1, Max: 4096);

    /// <summary>Mixture and sample sizes, without the dimension (single- and two-modality experiments name it differently).</summary>
    public static IReadOnlyList<ParameterSpec> Mixture { get; } =
    [
        K,
        new("condition", ParameterKind.Number, 100.0, "Condition number κ of the shared covariance (1 = isotropic).", Min: 1),
        new("separation", ParameterKind.Number, 3.0, "Distance of each mean from the centre, in units of the mean noise std.", Min: 0, MinExclusive: true),
        new("noise", ParameterKind.Number, 0.0, "δ: probability that a partner comes from a component drawn from the mixture.", Min: 0, Max: 1),
        new("n_train", ParameterKind.Integer, 20000L, "Training samples (pairs for contrastive methods).", Min: 2, Max: 10_000_000),
        new("n_test", ParameterKind.Integer, 2000L, "Held-out samples for the metrics.", Min: 2, Max: 10_000_000),
    ];

    /// <summary>InfoNCE training knobs.</summary>
    public static IReadOnlyList<ParameterSpec> Training { get; } =
    [
        new("epochs", ParameterKind.Integer, 30L, "Passes over the training pairs.", Min: 1, Max: 100_000),
        new("batch", ParameterKind.Integer, 256L, "Pairs per step; the other pairs of a batch are the negatives.", Min: 2, Max: 1_000_000),
        new("lr", ParameterKind.Number, 0.03, "Learning rate.", Min: 0, MinExclusive: true),
        new("optimizer", ParameterKind.Text, "adam", "Optimizer of the learned maps.", Allowed: ["adam", "sgd"]),
        new("temperature", ParameterKind.Number, 0.5, "τ of InfoNCE.", Min: 0, MinExclusive: true),
        new("normalize", ParameterKind.Boolean, false, "Cosine similarity (unit-normalised outputs) instead of inner product."),
        new("schedule", ParameterKind.Text, "cosine", "Learning-rate schedule: cosine annealing to 0, or constant.", Allowed: ["cosine", "constant"]),
        new("partners", ParameterKind.Text, "fixed", "Partners drawn once (fixed) or afresh for every anchor each epoch (redraw, as the reference code does).", Allowed: ["fixed", "redraw"]),
        new("eval_every", ParameterKind.Integer, 0L, "Epochs between evaluations of the subspace distance during training, kept in the learning curve (0: none).", Min: 0, Max: 100_000),
    ];

    /// <summary>True when partners are redrawn every epoch.</summary>
    public static bool Redraws(ParameterSet p)
    {
        ArgumentNullException.ThrowIfNull(p);
        return p.GetString("partners") == "redraw";
    }

    public static InfoNceOptions InfoNce(ParameterSet p, int rank, bool twoTower)
    {
        ArgumentNullException.ThrowIfNull(p);
        return new InfoNceOptions(rank, (int)p.GetInt("epochs"), (int)p.GetInt("batch"), p.GetDouble("lr"),
            p.GetString("optimizer"), p.GetDouble("temperature"), p.GetBool("normalize"),
            Symmetric: twoTower, Schedule: p.GetString("schedule"), TwoTower: twoTower, EvalEvery: (int)p.GetInt("eval_every"));
    }

    /// <summary>Errors when the sample is too small for a d×d covariance estimate or r exceeds the dimension.</summary>
    public static IEnumerable<string> CheckSizes(ParameterSet p, string dimensionName)
    {
        ArgumentNullException.ThrowIfNull(p);
        long d = p.GetInt(dimensionName), k = p.GetInt("k"), r = p.GetInt("r");
        if (r > d) yield return $"r: {r} exceeds {dimensionName} = {d}; allowed: 1..{dimensionName}";
        if (p.GetInt("n_train") < d + k)
            yield return $"n_train: {p.GetInt("n_train")} is too small to estimate a {d}x{d} covariance with {k} classes; need at least {dimensionName} + k = {d + k}";
        if (p.GetInt("n_test") < k) yield return $"n_test: {p.GetInt("n_test")} is smaller than k = {k}";
    }

    /// <summary>The memory of a GMM point of total dimension <paramref name="d"/> (named <paramref name="dName"/>).</summary>
    public static MemoryEstimate EstimateMemory(ParameterSet p, double d, string dName)
    {
        ArgumentNullException.ThrowIfNull(p);
        double n = p.GetInt("n_train"), m = p.GetInt("n_test"), b = p.GetInt("batch"), k = p.GetInt("k");
        return MemoryEstimate.Sum(
            ((8.0 * 3 * n * d) + (4.0 * 2 * n * d), ["n_train", dName]),
            (8.0 * 2 * m * d, ["n_test", dName]),
            (4.0 * 8 * b * b, ["batch"]),
            (8.0 * 8 * d * d, [dName]),
            (8.0 * 4 * m * k, ["n_test", "k"]));
    }
}
