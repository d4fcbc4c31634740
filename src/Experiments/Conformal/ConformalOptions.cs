using ContrastiveOrleans.Experiments.Abstractions;

namespace ContrastiveOrleans.Experiments.Conformal;

/// <summary>Typed view of a validated <c>conformal-sets</c> parameter set, with the split sizes it implies.</summary>
public sealed record ConformalOptions(
    string Data,
    string Set,
    string Objective,
    double Alpha,
    double Lambda,
    int Epochs,
    double LearningRate,
    int Batch,
    double Sharpness,
    int Positives,
    int Negatives,
    double TrainFraction,
    double ValidationFraction,
    int Patience,
    double CalibrationFraction,
    string CalibrationUnit,
    double PMin,
    double PMax,
    int Dimension,
    int Clusters,
    int PointsPerCluster,
    double Separation,
    double Std)
{
    public static ConformalOptions From(ParameterSet p)
    {
        ArgumentNullException.ThrowIfNull(p);
        return new(
            p.GetString("data"), p.GetString("set"), p.GetString("objective"), p.GetDouble("alpha"), p.GetDouble("lambda"),
            (int)p.GetInt("epochs"), p.GetDouble("lr"), (int)p.GetInt("batch"), p.GetDouble("scale"),
            (int)p.GetInt("positives"), (int)p.GetInt("negatives"), p.GetDouble("train_frac"), p.GetDouble("val_frac"), (int)p.GetInt("patience"), p.GetDouble("calib_frac"),
            p.GetString("calibration_unit"), p.GetDouble("p_min"), p.GetDouble("p_max"), (int)p.GetInt("dim"),
            Images.ImageDatasets.All.Contains(p.GetString("data")) ? Images.ImageDatasets.Shape(p.GetString("data")).Classes : (int)p.GetInt("clusters"),
            (int)p.GetInt("points_per_cluster"), p.GetDouble("separation"), p.GetDouble("std"))
        {
            VolumeFormula = p.GetString("volume_formula"),
            NegForm = p.GetString("neg_form"),
        };
    }

    /// <summary>Multi-norm log-volume: "exact" (−Σ(1/p_j) log m_j) or "reference" (the published code's −Σ log m_j).</summary>
    public string VolumeFormula { get; init; } = "exact";

    /// <summary>The neg objective's sigmoid: "difference" σ(T(t − g)) or the scale-free "ratio" σ(T(1 − g/t)).</summary>
    public string NegForm { get; init; } = Objectives.DifferenceForm;

    public int TotalPoints => Clusters * PointsPerCluster;

    /// <summary>⌊train_frac · N⌋ points train the shape (and estimate the Mahalanobis covariance).</summary>
    public int TrainCount => (int)Math.Floor(TrainFraction * TotalPoints);

    /// <summary>Whether the set family has parameters to learn.</summary>
    public bool Learned => Set is SetFamilies.SingleNorm or SetFamilies.MultiNorm;

    /// <summary>
    /// ⌊val_frac · training points⌋ of a learned family are held out of fitting to pick the epoch (early stopping);
    /// 0 = off. Fixed shapes use the whole training split.
    /// </summary>
    public int ValidationCount => Learned ? (int)Math.Floor(ValidationFraction * TrainCount) : 0;

    /// <summary>Training points that fit the shape.</summary>
    public int FitCount => TrainCount - ValidationCount;

    /// <summary>⌊calib_frac · rest⌋ of the remaining points calibrate the threshold; the others are the test split.</summary>
    public int CalibrationCount => (int)Math.Floor(CalibrationFraction * (TotalPoints - TrainCount));

    public int TestCount => TotalPoints - TrainCount - CalibrationCount;

    public bool PairUnit => CalibrationUnit == CalibrationUnits.Pair;

    /// <summary>Number of calibration scores n: every (anchor, positive) pair, or one per anchor.</summary>
    public long CalibrationScores => PairUnit ? (long)CalibrationCount * Positives : CalibrationCount;
}
