using ContrastiveOrleans.Experiments.Images;
using static TorchSharp.torch;

namespace ContrastiveOrleans.Experiments.AlphaCl;

/// <summary>
/// A split's images as one byte tensor per point (made once, so a step indexes it instead of copying the dataset) and
/// their inputs to a network: pixels in [0, 1] standardised per channel with the training split's mean and standard
/// deviation, plain (evaluation) or as SimCLR's two independently augmented views of each image (training). Views
/// read pixels and the generator only: labels never enter them.
/// </summary>
public sealed class ImageViews : IDisposable
{
    private readonly Tensor _images;
    private readonly Tensor _mean;
    private readonly Tensor _std;

    /// <param name="set">The split whose images are read.</param>
    /// <param name="statistics">The split whose per-channel mean and standard deviation standardise them (the training split).</param>
    /// <param name="augment">The augmentation of the training views.</param>
    /// <param name="device">Where the inputs are made.</param>
    public ImageViews(ImageSet set, ImageSet statistics, ImageAugment augment, Device device)
    {
        ArgumentNullException.ThrowIfNull(set);
        ArgumentNullException.ThrowIfNull(statistics);
        ArgumentNullException.ThrowIfNull(augment);
        Set = set;
        Augment = augment;
        Device = device;
        _images = tensor(set.Pixels, [set.Count, set.Channels, set.Height, set.Width], dtype: ScalarType.Byte);
        var (mean, std) = Moments(statistics);
        _mean = tensor(mean, [1, mean.Length, 1, 1]).to(device);
        _std = tensor(std, [1, std.Length, 1, 1]).to(device);
    }

    /// <summary>
    /// Per-channel mean and standard deviation of a split's [0, 1] pixels, exact: from each channel's histogram of byte
    /// values (a pass over the bytes, no float copy of the dataset).
    /// </summary>
    public static (float[] Mean, float[] Std) Moments(ImageSet set)
    {
        ArgumentNullException.ThrowIfNull(set);
        var plane = set.Height * set.Width;
        var counts = new long[set.Channels, 256];
        var pixels = set.Pixels;
        for (var image = 0; image < set.Count; image++)
        {
            for (var c = 0; c < set.Channels; c++)
            {
                var start = ((image * set.Channels) + c) * plane;
                foreach (var value in pixels.AsSpan(start, plane)) counts[c, value]++;
            }
        }
        var mean = new float[set.Channels];
        var std = new float[set.Channels];
        for (var c = 0; c < set.Channels; c++)
        {
            double n = 0, sum = 0, squares = 0;
            for (var v = 0; v < 256; v++)
            {
                double count = counts[c, v], x = v / 255.0;
                n += count;
                sum += count * x;
                squares += count * x * x;
            }
            var m = sum / n;
            mean[c] = (float)m;
            std[c] = (float)Math.Max(Math.Sqrt(Math.Max(squares / n - (m * m), 0)), 1e-6);
        }
        return (mean, std);
    }

    public ImageSet Set { get; }

    public ImageAugment Augment { get; }

    public Device Device { get; }

    public long Count => Set.Count;

    /// <summary>The images <paramref name="index"/> standardised, unaugmented (n × C × H × W, float32, on the device).</summary>
    public Tensor Plain(Tensor index)
    {
        ArgumentNullException.ThrowIfNull(index);
        using var scope = NewDisposeScope();
        return Standardise(Pixels(index)).MoveToOuterDisposeScope();
    }

    /// <summary>Two augmentations of each image <paramref name="index"/>, drawn in order from <paramref name="generator"/>.</summary>
    public (Tensor First, Tensor Second) Views(Tensor index, Generator generator)
    {
        ArgumentNullException.ThrowIfNull(index);
        using var scope = NewDisposeScope();
        var pixels = Pixels(index);
        var first = Standardise(Augment.Apply(pixels, generator));
        var second = Standardise(Augment.Apply(pixels, generator));
        return (first.MoveToOuterDisposeScope(), second.MoveToOuterDisposeScope());
    }

    /// <summary>Every image's rows of <paramref name="map"/>, in chunks so activations stay bounded (no gradient).</summary>
    public Tensor Map(Func<Tensor, Tensor> map, int chunk = 2048)
    {
        ArgumentNullException.ThrowIfNull(map);
        using var scope = NewDisposeScope();
        using var noGrad = no_grad();
        var parts = new List<Tensor>();
        for (long start = 0; start < Count; start += chunk)
        {
            using var step = NewDisposeScope();
            var index = arange(start, Math.Min(Count, start + chunk), dtype: int64);
            parts.Add(map(Plain(index)).MoveToOuterDisposeScope());
        }
        return cat(parts, 0).MoveToOuterDisposeScope();
    }

    /// <summary>Labels of every image (int64, CPU).</summary>
    public Tensor Labels() => tensor(Set.Labels, dtype: ScalarType.Byte).to_type(int64);

    private Tensor Pixels(Tensor index) => _images.index_select(0, index.cpu()).to_type(float32).div_(255f);

    private Tensor Standardise(Tensor pixels) => (pixels.to(Device) - _mean) / _std;

    public void Dispose()
    {
        _images.Dispose();
        _mean.Dispose();
        _std.Dispose();
    }
}
