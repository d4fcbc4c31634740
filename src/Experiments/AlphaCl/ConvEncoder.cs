using TorchSharp.Modules;
using static TorchSharp.torch;

namespace ContrastiveOrleans.Experiments.AlphaCl;

/// <summary>
/// The `cnn` encoder of alpha-cl on images, SimCLR's shape at LeNet size: a backbone of three 3×3 convolutions
/// (c, 2c, 4c channels, ReLU; the first two with stride 2) whose outputs h
/// (average-pooled to g × g cells, 4c·g² values) are the representation the probe and k-means read, and a
/// projection head z = W₂ relu(W₁ h + b₁) + b₂ (4c·g² → 4c → width) the loss reads. Raw parameters drawn from one seeded generator (He
/// normal weights, zero biases), so a point's initialisation is fixed by its seed alone; libtorch's module
/// initialisers would draw from the process-wide generator that concurrent points share. Strided convolutions
/// rather than convolution + max-pooling: on CPU the full-resolution c-channel map and its pooling are memory-bound
/// (a training step of 512 views, c = 16, 2 threads: 251 ms with pooling, 90 ms strided, measured 2026-12-02).
/// </summary>
public sealed class ConvEncoder : IDisposable
{
    private const int Kernel = 3;

    private readonly Parameter[] _parameters;

    private ConvEncoder(Parameter[] parameters, int channels, int pooled, int features, int width)
    {
        _parameters = parameters;
        Pooled = pooled;
        Channels = channels;
        Features = features;
        Width = width;
    }

    /// <summary>c, the first convolution's channels.</summary>
    public int Channels { get; }

    /// <summary>g: the last map is average-pooled to g × g cells (1: global average pooling).</summary>
    public int Pooled { get; }

    /// <summary>Dimension of the backbone's representation h (4c·g²).</summary>
    public int Features { get; }

    /// <summary>Dimension of the projection z the loss reads.</summary>
    public int Width { get; }

    /// <summary>Weights and biases in order: conv1, conv2, conv3, head1, head2.</summary>
    public IReadOnlyList<Parameter> Parameters => _parameters;

    public static ConvEncoder Create(int inputChannels, int channels, int width, Generator generator, Device device, ScalarType dtype, int pooled = 1)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(inputChannels, 1);
        ArgumentOutOfRangeException.ThrowIfLessThan(channels, 1);
        ArgumentOutOfRangeException.ThrowIfLessThan(width, 1);
        ArgumentOutOfRangeException.ThrowIfLessThan(pooled, 1);
        var features = 4 * channels * pooled * pooled;
        long[][] shapes =
        [
            [channels, inputChannels, Kernel, Kernel], [channels],
            [2 * channels, channels, Kernel, Kernel], [2 * channels],
            [4 * channels, 2 * channels, Kernel, Kernel], [4 * channels],
            [4 * channels, features], [4 * channels],
            [width, 4 * channels], [width],
        ];
        var parameters = new Parameter[shapes.Length];
        for (var i = 0; i < shapes.Length; i++)
        {
            var shape = shapes[i];
            if (shape.Length == 1)
            {
                parameters[i] = new Parameter(zeros(shape, dtype: dtype, device: device));
                continue;
            }
            // He initialisation: the fan-in of a unit is its input channels × kernel area (or its inputs).
            var fanIn = shape.Skip(1).Aggregate(1L, (a, b) => a * b);
            using var init = randn(shape, dtype: dtype, generator: generator) * Math.Sqrt(2.0 / fanIn);
            parameters[i] = new Parameter(init.to(device));
        }
        return new ConvEncoder(parameters, channels, pooled, features, width);
    }

    /// <summary>h: the backbone's representation of images (n × C × H × W) as n × <see cref="Features"/>.</summary>
    public Tensor Backbone(Tensor images)
    {
        ArgumentNullException.ThrowIfNull(images);
        long[] same = [1, 1], halve = [2, 2];
        var h = nn.functional.relu(nn.functional.conv2d(images, _parameters[0], _parameters[1], strides: halve, padding: same));
        h = nn.functional.relu(nn.functional.conv2d(h, _parameters[2], _parameters[3], strides: halve, padding: same));
        h = nn.functional.relu(nn.functional.conv2d(h, _parameters[4], _parameters[5], padding: same));
        return Pooled == 1 ? h.mean([2, 3]) : nn.functional.adaptive_avg_pool2d(h, [Pooled, Pooled]).flatten(1);
    }

    /// <summary>z: the projection head on the backbone's h.</summary>
    public Tensor Head(Tensor h)
    {
        ArgumentNullException.ThrowIfNull(h);
        var hidden = nn.functional.relu(nn.functional.linear(h, _parameters[6], _parameters[7]));
        return nn.functional.linear(hidden, _parameters[8], _parameters[9]);
    }

    /// <summary>z of images: what the contrastive loss reads.</summary>
    public Tensor Forward(Tensor images) => Head(Backbone(images));

    /// <summary>Multiply–accumulates of one forward pass of an image of the given size (for throughput figures).</summary>
    public long ForwardMacs(int height, int width)
    {
        long c = Channels, k = Kernel * Kernel, inputChannels = _parameters[0].shape[1];
        long half = Halved(height) * Halved(width), quarter = Halved(Halved(height)) * Halved(Halved(width));
        return (half * c * inputChannels * k) + (quarter * 2 * c * c * k) + (quarter * 4 * c * 2 * c * k) + (Features * 4 * c) + (4 * c * Width);
    }

    /// <summary>Output size of a stride-2, padding-1, 3×3 convolution.</summary>
    private static long Halved(long size) => ((size - 1) / 2) + 1;

    public void Dispose()
    {
        foreach (var parameter in _parameters) parameter.Dispose();
    }
}
