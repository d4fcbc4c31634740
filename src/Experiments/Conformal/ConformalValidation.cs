using System.Globalization;

namespace ContrastiveOrleans.Experiments.Conformal;

/// <summary>Cross-parameter checks of <c>conformal-sets</c>; every message starts with the field it blames.</summary>
public static class ConformalValidation
{
    public static IReadOnlyList<string> Check(ConformalOptions o)
    {
        ArgumentNullException.ThrowIfNull(o);
        var errors = new List<string>();
        if (!(o.Alpha > 0 && o.Alpha < 1)) errors.Add($"alpha: {F(o.Alpha)} is outside (0, 1)");
        if (o.TrainFraction >= 1) errors.Add($"train_frac: {F(o.TrainFraction)} leaves no calibration or test points; allowed: (0, 1)");
        if (o.CalibrationFraction >= 1) errors.Add($"calib_frac: {F(o.CalibrationFraction)} leaves no test points; allowed: (0, 1)");
        if (o.ValidationFraction >= 1) errors.Add($"val_frac: {F(o.ValidationFraction)} leaves no training points to fit; allowed: [0, 1)");
        if (o.PMin > o.PMax) errors.Add($"p_max: {F(o.PMax)} is below p_min = {F(o.PMin)}; allowed: p_min ≤ p_max within [0.1, 10]");
        if (o.Data == "sim-clusters" && o.Dimension != SimClusters.Dimension)
            errors.Add($"dim: sim-clusters is defined in {SimClusters.Dimension} dimensions, got {o.Dimension}; use dim: 3 or data: gmm-embeddings");
        if (Images.ImageDatasets.All.Contains(o.Data) && Images.ImageDatasets.Shape(o.Data).TestPerClass is var perClass && o.PointsPerCluster > perClass)
            errors.Add($"points_per_cluster: {o.PointsPerCluster} exceeds the {perClass} test images per class of {o.Data}; allowed: 2..{perClass}");
        if (errors.Count > 0) return errors;

        if (o.FitCount < 2) errors.Add($"train_frac: {F(o.TrainFraction)} of {o.TotalPoints} points leaves {o.FitCount} points to fit the shape; need at least 2");
        if (o.Learned && o.ValidationFraction > 0 && o.ValidationCount < 2 * o.Clusters)
            errors.Add($"val_frac: {F(o.ValidationFraction)} leaves {o.ValidationCount} validation points; need at least 2 per cluster ({2 * o.Clusters})");
        if (o.CalibrationCount < 1) errors.Add($"calib_frac: {F(o.CalibrationFraction)} leaves no calibration points");
        if (o.TestCount < 1) errors.Add($"calib_frac: {F(o.CalibrationFraction)} leaves no test points");
        if (errors.Count > 0) return errors;

        var needed = SplitConformal.MinimumCalibrationSize(o.Alpha);
        if (o.CalibrationScores < needed)
        {
            var unit = o.PairUnit ? $"{o.CalibrationCount} anchors × {o.Positives} positives" : $"one per each of {o.CalibrationCount} anchors";
            errors.Add($"calib_frac: {o.CalibrationScores} calibration scores ({unit}, calibration_unit: {o.CalibrationUnit}) are fewer than " +
                       $"1/alpha − 1 = {needed} for alpha = {F(o.Alpha)}: the set would be infinite; raise calib_frac, points_per_cluster or alpha");
        }
        return errors;
    }

    private static string F(double x) => x.ToString("R", CultureInfo.InvariantCulture);
}
