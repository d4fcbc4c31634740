using ContrastiveOrleans.Experiments.Abstractions;
using ContrastiveOrleans.Experiments.Gmm;
using static TorchSharp.torch;

namespace ContrastiveOrleans.Experiments.AlphaCl;

/// <summary>
/// One alpha-cl point on GMM data from its data to its scores, in the steps a packed run interleaves with other
/// points' (data and the encoder's initialisation, then training alone or in a pack, then evaluation). Owns the
/// point's <see cref="TorchRun"/>: its generators and the dispose scope of every tensor it makes.
/// </summary>
internal sealed class AlphaClGmmRun : IDisposable
{
    private AlphaClGmmRun(ExperimentContext context)
    {
        Context = context;
        var p = context.Parameters;
        Phases = new PhaseClock();
        Spec = new GmmSpec((int)p.GetInt("d"), (int)p.GetInt("k"), p.GetDouble("condition"), p.GetDouble("separation"));
        Loss = new AlphaLossOptions(p.GetString("loss"), p.GetDouble("p"), p.GetDouble("power"), p.GetDouble("temperature"), p.GetDouble("alpha_eps"),
            p.GetDouble("alpha_exponent"));
        Loss.Validate();
        Training = new TrainingOptions((int)p.GetInt("epochs"), (int)p.GetInt("batch"), p.GetDouble("lr"));
        FixedAlpha = p.GetBool("fixed_alpha");
        Run = TorchRun.Start(context);
        try
        {
            Mixture = GaussianMixture.Create(Spec, Run.Data);
            (X, Partner, Labels, _) = Mixture.SamplePairs(p.GetInt("n_train"), p.GetDouble("noise"), Run.Data);
            (XTest, LabelsTest) = Mixture.Sample(p.GetInt("n_test"), Run.Data);
            Phases.Lap("data");
            // The fixed-α analysis is linear algebra and runs in float64; training runs in float32.
            Encoder = Encoder.Create(p.GetString("encoder"), Spec.D, (int)p.GetInt("depth"), (int)p.GetInt("width"),
                Run.Model, Run.Device, FixedAlpha ? float64 : float32);
        }
        catch
        {
            // The run's dispose scope would otherwise stay open on the worker thread and keep every later tensor.
            Mixture?.Dispose();
            Run.Dispose();
            throw;
        }
    }

    /// <summary>Draws the point's mixture, training and test data (the data phase) and initialises its encoder.</summary>
    public static AlphaClGmmRun Start(ExperimentContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        return new AlphaClGmmRun(context);
    }

    public ExperimentContext Context { get; }

    public PhaseClock Phases { get; }

    public GmmSpec Spec { get; }

    public AlphaLossOptions Loss { get; }

    public TrainingOptions Training { get; }

    public bool FixedAlpha { get; }

    public TorchRun Run { get; }

    public GaussianMixture Mixture { get; }

    public Tensor X { get; }

    public Tensor Partner { get; }

    public Tensor Labels { get; }

    public Tensor XTest { get; }

    public Tensor LabelsTest { get; }

    public Encoder Encoder { get; }

    public Dictionary<string, double> Metrics { get; } = new(StringComparer.Ordinal);

    /// <summary>Scores the encoder (the eval phase) into <see cref="Metrics"/>, with the phases.</summary>
    public Dictionary<string, double> Evaluate()
    {
        foreach (var (name, value) in RepresentationScores.Evaluate(Encoder, X, Labels, XTest, LabelsTest, Spec.K, AlphaClExperiment.KMeansRestarts, Run.Evaluation))
            Metrics[name] = value;
        Phases.Lap("eval");
        Phases.AddTo(Metrics);
        return Metrics;
    }

    public void Dispose()
    {
        Encoder.Dispose();
        Mixture.Dispose();
        Run.Dispose();
    }
}
