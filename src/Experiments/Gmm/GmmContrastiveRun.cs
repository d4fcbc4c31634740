using ContrastiveOrleans.Experiments.Abstractions;
using ContrastiveOrleans.Experiments.IO;
using ContrastiveOrleans.Experiments.Linear;
using ContrastiveOrleans.Experiments.Metrics;
using static TorchSharp.torch;

namespace ContrastiveOrleans.Experiments.Gmm;

/// <summary>
/// One gmm-contrastive point from its data to its metrics, in the steps a packed run interleaves with other points'
/// (data, then training alone or in a pack, then evaluation). Owns the point's <see cref="TorchRun"/>: its
/// generators and the dispose scope of every tensor it makes.
/// </summary>
internal sealed class GmmContrastiveRun : IDisposable
{
    private readonly TorchRun _run;

    private GmmContrastiveRun(ExperimentContext context)
    {
        Context = context;
        var p = context.Parameters;
        Spec = new GmmSpec((int)p.GetInt("d"), (int)p.GetInt("k"), p.GetDouble("condition"), p.GetDouble("separation"));
        Rank = (int)p.GetInt("r");
        Method = p.GetString("method");
        Phases = new PhaseClock();
        _run = TorchRun.Start(context);
        try
        {
            Mixture = GaussianMixture.Create(Spec, _run.Data);
            // Every method sees the same draw: pairs for infonce, their first halves with labels for lda/pca.
            (X, Partner, Labels, _) = Mixture.SamplePairs(p.GetInt("n_train"), p.GetDouble("noise"), _run.Data);
        }
        catch
        {
            // The run's dispose scope would otherwise stay open on the worker thread and keep every later tensor.
            Mixture?.Dispose();
            _run.Dispose();
            throw;
        }
        Phases.Lap("data");
    }

    /// <summary>Draws the point's mixture and training data (the data phase).</summary>
    public static GmmContrastiveRun Start(ExperimentContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        return new GmmContrastiveRun(context);
    }

    public ExperimentContext Context { get; }

    public GmmSpec Spec { get; }

    public int Rank { get; }

    public string Method { get; }

    public PhaseClock Phases { get; }

    public GaussianMixture Mixture { get; }

    public Tensor X { get; }

    public Tensor Partner { get; }

    public Tensor Labels { get; }

    public Device Device => _run.Device;

    public Generator DataGenerator => _run.Data;

    /// <summary>Initialises and trains the model; k-means then draws from it too (as it always has).</summary>
    public Generator ModelGenerator => _run.Model;

    public Dictionary<string, double> Metrics { get; } = new(StringComparer.Ordinal);

    /// <summary>Scores the learned map (r×d, float64) on the oracle and on a fresh test draw (the eval phase).</summary>
    public Dictionary<string, double> Evaluate(Tensor map, string? exportDirectory)
    {
        ArgumentNullException.ThrowIfNull(map);
        var fisher = Mixture.FisherBasis();
        var between = Mixture.BetweenScatter();
        Metrics["subspace_distance"] = Subspaces.Distance(fisher, map);
        Metrics["fisher_ratio_rel"] = Subspaces.FisherCriterion(map, Mixture.Covariance, between)
            / Subspaces.OptimalFisherCriterion(Mixture.Covariance, between, Rank);

        var (test, testLabels) = Mixture.Sample(Context.Parameters.GetInt("n_test"), DataGenerator);
        ClusteringMetrics.Add(Metrics, X.matmul(map.T), Labels, test.matmul(map.T), testLabels, Spec.K, ModelGenerator);
        Phases.Lap("eval");
        Phases.AddTo(Metrics);
        if (exportDirectory is not null)
        {
            CsvMatrix.Write(Path.Combine(exportDirectory, "train.csv"), X, Labels);
            CsvMatrix.Write(Path.Combine(exportDirectory, "test.csv"), test, testLabels);
            CsvMatrix.Write(Path.Combine(exportDirectory, "fisher.csv"), fisher);
            CsvMatrix.Write(Path.Combine(exportDirectory, "projection.csv"), map);
        }
        return Metrics;
    }

    public void Dispose()
    {
        Mixture.Dispose();
        _run.Dispose();
    }
}
