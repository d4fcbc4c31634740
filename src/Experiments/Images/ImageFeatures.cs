using static TorchSharp.torch;

namespace ContrastiveOrleans.Experiments.Images;

/// <summary>
/// A dataset's images as features: pixels scaled to [0, 1], standardised with the training split's per-pixel mean and
/// standard deviation, and projected on the training split's top <see cref="Dimensions"/> principal components (or
/// kept whole when pca_dims is 0). Computed once per process per (dataset, directory, pca_dims) and shared by every
/// point, as arrays (tensors are made per point, so no point's dispose scope can free another's data).
/// </summary>
public sealed class ImageFeatures
{
    private static readonly ProcessCache<ImageFeatures> Cache = new();

    private ImageFeatures(ImageSet train, ImageSet test, int dimensions, float[] mean, float[] scale, float[]? components, float[] trainFeatures, float[] testFeatures)
    {
        Train = train;
        Test = test;
        Dimensions = dimensions;
        Mean = mean;
        Scale = scale;
        Components = components;
        TrainFeatures = trainFeatures;
        TestFeatures = testFeatures;
    }

    public ImageSet Train { get; }

    public ImageSet Test { get; }

    /// <summary>Feature dimension: pca_dims, or every pixel.</summary>
    public int Dimensions { get; }

    /// <summary>Per-pixel training mean of the [0, 1] pixels.</summary>
    public float[] Mean { get; }

    /// <summary>Per-pixel training standard deviation (pixels that never vary get 1: they stay 0 after centring).</summary>
    public float[] Scale { get; }

    /// <summary>Principal directions, Dimensions × pixels, row-major (largest variance first); null without PCA.</summary>
    public float[]? Components { get; }

    public float[] TrainFeatures { get; }

    public float[] TestFeatures { get; }

    /// <summary>Milliseconds this process spent computing it (0 for a point that found it cached).</summary>
    public double LoadMs { get; private init; }

    /// <summary>The features, computed once per process.</summary>
    /// <param name="computed">True when this call computed them (the point pays the load), false when cached.</param>
    public static ImageFeatures For(string dataset, string directory, int pcaDims, out bool computed)
    {
        var dir = ImageDatasets.DirectoryOf(dataset, directory);
        return Cache.Get($"{dataset}|{dir}|{pcaDims}", () => Compute(dataset, dir, pcaDims), out computed);
    }

    private static ImageFeatures Compute(string dataset, string dir, int pcaDims)
    {
        var clock = System.Diagnostics.Stopwatch.StartNew();
        var (train, test) = ImageDatasets.Load(dataset, dir);
        var pixels = train.PixelsPerImage;
        if (pcaDims > pixels) throw new ImageDataException($"pca_dims: {pcaDims} exceeds the {pixels} pixels of {dataset}; allowed: 0..{pixels}");
        using var scope = NewDisposeScope();
        using var noGrad = no_grad();
        var x = Scaled(train);
        var mean = x.mean([0], keepdim: true);
        var std = x.std([0], unbiased: false, keepdim: true);
        var scale = where(std > 1e-6f, std, ones_like(std));
        var z = (x - mean) / scale;
        Tensor? components = null;
        if (pcaDims > 0)
        {
            // The covariance in float32 (a D×D product over N images: the heavy part), its eigenvectors in float64.
            var covariance = z.T.matmul(z).to_type(float64) / (train.Count - 1);
            var (values, vectors) = linalg.eigh(covariance);
            var order = values.argsort(descending: true)[..pcaDims];
            components = vectors.index_select(1, order).T.contiguous().to_type(float32);
        }
        var trainFeatures = components is null ? z : z.matmul(components.T);
        var testFeatures = Project(Scaled(test), mean, scale, components);
        return new ImageFeatures(train, test, pcaDims > 0 ? pcaDims : pixels, mean.data<float>().ToArray(), scale.data<float>().ToArray(),
            components?.data<float>().ToArray(), trainFeatures.contiguous().data<float>().ToArray(), testFeatures.contiguous().data<float>().ToArray())
        {
            LoadMs = clock.Elapsed.TotalMilliseconds,
        };
    }

    /// <summary>Pixels of every image as an N × pixels float tensor in [0, 1].</summary>
    private static Tensor Scaled(ImageSet set) =>
        tensor(set.Pixels, [set.Count, set.PixelsPerImage], dtype: ScalarType.Byte).to_type(float32) / 255f;

    private static Tensor Project(Tensor x, Tensor mean, Tensor scale, Tensor? components)
    {
        var z = (x - mean) / scale;
        return components is null ? z : z.matmul(components.T);
    }

    /// <summary>Features of [0, 1] pixel rows (n × pixels), standardised and projected as the dataset's were.</summary>
    public Tensor Project(Tensor pixelRows)
    {
        ArgumentNullException.ThrowIfNull(pixelRows);
        using var scope = NewDisposeScope();
        var mean = tensor(Mean, [1, Mean.Length]);
        var scale = tensor(Scale, [1, Scale.Length]);
        var components = Components is null ? null : tensor(Components, [Dimensions, Mean.Length]);
        return Project(pixelRows, mean, scale, components).MoveToOuterDisposeScope();
    }

    /// <summary>The training features of the given images (n × Dimensions, float32).</summary>
    public Tensor TrainRows(Tensor index) => tensor(TrainFeatures, [Train.Count, Dimensions]).index_select(0, index);

    /// <summary>Every test image's features (M × Dimensions, float32).</summary>
    public Tensor TestRows() => tensor(TestFeatures, [Test.Count, Dimensions]);
}
