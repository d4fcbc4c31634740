namespace ContrastiveOrleans.Experiments.Abstractions;

/// <summary>The meaning, range and direction of every metric the shipped experiments report, by name.</summary>
public static class MetricCatalog
{
    private static readonly Dictionary<string, MetricSpec> Known = new MetricSpec[]
    {
        new("subspace_distance", "sine of the largest principal angle between the Fisher subspace span{Σ⁻¹(μ_i − μ̄)} and its best match in the map's row space (0 = found)", 0, 1, MetricGoal.Lower),
        new("fisher_ratio_rel", "Fisher criterion tr((AS_WAᵀ)⁻¹AS_BAᵀ) of the map over that of the optimal (LDA) map", 0, 1, MetricGoal.Higher),
        new("subspace_distance_x", "subspace_distance of modality x's map to x's Fisher subspace", 0, 1, MetricGoal.Lower),
        new("subspace_distance_y", "subspace_distance of modality y's map to y's Fisher subspace", 0, 1, MetricGoal.Lower),
        new("fisher_ratio_rel_x", "fisher_ratio_rel of modality x's map", 0, 1, MetricGoal.Higher),
        new("fisher_ratio_rel_y", "fisher_ratio_rel of modality y's map", 0, 1, MetricGoal.Higher),
        new("noise_energy_x", "share of modality x's map energy on x's high-variance noise directions", 0, 1, MetricGoal.Lower),
        new("noise_energy_y", "share of modality y's map energy on y's high-variance noise directions", 0, 1, MetricGoal.Lower),
        new("nmi", "normalized mutual information between k-means clusters of the projected held-out data and the true components", 0, 1, MetricGoal.Higher),
        new("ari", "adjusted Rand index of those clusters against the true components (0 = chance)", -1, 1, MetricGoal.Higher),
        new("cluster_acc", "accuracy of those clusters under the best one-to-one matching to the components (Hungarian)", 0, 1, MetricGoal.Higher),
        new("probe_acc", "held-out accuracy of a multinomial logistic regression trained on the representation", 0, 1, MetricGoal.Higher),
        new("final_loss", "the training loss after the last step (for fixed α: −E_α)", null, null, MetricGoal.Lower),
        new("epoch_loss", "learning curve of alpha-cl on images: the mean training loss of each epoch", null, null, MetricGoal.Lower),
        new("train_ms", "wall time of training (or fitting, and any eval_every evaluations) in milliseconds", 0, null, MetricGoal.Lower),
        new("data_ms", "wall time of drawing the training data in milliseconds", 0, null, MetricGoal.Lower),
        new("eval_ms", "wall time of evaluation (test data and every metric) in milliseconds", 0, null, MetricGoal.Lower),
        new("effective_rank", "effective rank (exp of the entropy of the normalised singular values) of the held-out representation", 1, null),
        new("map_effective_rank", "effective rank of the learned linear map (1 = rank one, as the theory predicts for fixed α)", 1, null),
        new("top_eig_cos", "|cos| between the learned direction and the top eigenvector of the contrastive covariance C_α", 0, 1, MetricGoal.Higher),
        new("global_fraction", "share of the inits fixed-α ascents that reach the top eigenvector of their C_α (|cos| ≥ 0.99)", 0, 1, MetricGoal.Higher),
        new("global_fraction_low", "lower end of the 95% Wilson interval of global_fraction", 0, 1, MetricGoal.Higher),
        new("global_fraction_high", "upper end of the 95% Wilson interval of global_fraction", 0, 1, MetricGoal.Higher),
        new("energy_ratio", "E_α of the learned map over ½λ_max(C_α), the optimum of the max player", null, null, MetricGoal.Higher),
        new("coverage", "share of test positives inside their anchor's calibrated set (target 1 − α)", 0, 1),
        new("exclusion", "share of test negatives outside their anchor's set", 0, 1, MetricGoal.Higher),
        new("log_volume", "log volume of the calibrated set", null, null, MetricGoal.Lower),
        new("log_volume_per_dim", "log volume of the calibrated set per embedding dimension", null, null, MetricGoal.Lower),
        new("threshold", "the split-conformal threshold on the set's score", null, null),
        new("target_coverage", "the guaranteed coverage 1 − α", 0, 1),
        new("calibration_coverage", "share of calibration positives inside their sets", 0, 1),
        new("calibration_scores", "number of calibration scores the threshold was taken from", 0, null),
        new("anchor_coverage", "share of test anchors whose first positive is inside the set: one score per anchor, the count the exact split-conformal law describes", 0, 1),
        new("test_anchors", "number of test anchors", 0, null),
        new("mean_p", "mean learned norm exponent of the set", 0, null),
        new("epochs_trained", "epochs the set's shape was trained (fewer than asked when early stopping ended it)", 0, null),
        new("value", "bench-noop: the value of x", null, null),
        new("seed", "bench-noop: the point's seed", 0, null),
    }.ToDictionary(m => m.Name, StringComparer.Ordinal);

    /// <summary>The spec of <paramref name="name"/>; a metric not listed here is described as such.</summary>
    public static MetricSpec Describe(string name) => Known.TryGetValue(name, out var spec) ? spec : new MetricSpec(name, "(no description)");
}
