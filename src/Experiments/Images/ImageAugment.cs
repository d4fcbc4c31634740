using static TorchSharp.torch;

namespace ContrastiveOrleans.Experiments.Images;

/// <summary>
/// Random augmentations of images, drawn from one generator in a fixed order: a mirror image with probability ½
/// (where the dataset is horizontally symmetric), a shift of up to <c>shift</c> pixels in each direction (zeros
/// fill in), SimCLR's random resized crop when <paramref name="CropScale"/> &lt; 1 (a square covering a uniform
/// fraction in [CropScale, 1] of the image's area, anywhere inside it, resized back by bilinear sampling), and Gaussian
/// pixel noise of standard deviation <c>pixel_noise</c> (on [0, 1] pixels). Labels are never read.
/// </summary>
public sealed record ImageAugment(int Shift, bool Flip, double PixelNoise, double CropScale = 1.0)
{
    /// <summary>Images are augmented this many at a time, so memory stays bounded whatever the training size.</summary>
    public const int Chunk = 8192;

    /// <summary>One augmentation of each image <paramref name="index"/> of <paramref name="set"/>, as features.</summary>
    public Tensor Features(ImageSet set, ImageFeatures features, Tensor index, Generator generator)
    {
        ArgumentNullException.ThrowIfNull(set);
        ArgumentNullException.ThrowIfNull(features);
        ArgumentNullException.ThrowIfNull(index);
        using var scope = NewDisposeScope();
        var all = tensor(set.Pixels, [set.Count, set.Channels, set.Height, set.Width], dtype: ScalarType.Byte);
        var parts = new List<Tensor>();
        var n = index.shape[0];
        for (long start = 0; start < n; start += Chunk)
        {
            using var chunk = NewDisposeScope();
            var images = all.index_select(0, index.narrow(0, start, Math.Min(Chunk, n - start))).to_type(float32) / 255f;
            var augmented = Apply(images, generator);
            parts.Add(features.Project(augmented.reshape(augmented.shape[0], -1)).MoveToOuterDisposeScope());
        }
        return cat(parts, 0).MoveToOuterDisposeScope();
    }

    /// <summary>Augments a batch of [0, 1] images (n × C × H × W).</summary>
    public Tensor Apply(Tensor images, Generator generator)
    {
        ArgumentNullException.ThrowIfNull(images);
        long n = images.shape[0], c = images.shape[1], h = images.shape[2], w = images.shape[3];
        var x = images;
        if (Flip)
        {
            var mirror = (rand(n, generator: generator) < 0.5).view(n, 1, 1, 1);
            x = where(mirror, x.flip(3), x);
        }
        if (Shift > 0)
        {
            var s = Shift;
            var padded = nn.functional.pad(x, [s, s, s, s]);
            var dy = randint(0, (2 * s) + 1, [n], generator: generator);
            var dx = randint(0, (2 * s) + 1, [n], generator: generator);
            var rows = (dy.unsqueeze(1) + arange(h).unsqueeze(0)).view(n, 1, h, 1).expand(n, c, h, w + (2 * s));
            x = padded.gather(2, rows);
            var cols = (dx.unsqueeze(1) + arange(w).unsqueeze(0)).view(n, 1, 1, w).expand(n, c, h, w);
            x = x.gather(3, cols);
        }
        if (CropScale < 1)
        {
            // θ maps output pixel centres (in [−1, 1]², align_corners false) to input coordinates: a square of side s
            // centred at (tx, ty), kept so that every sample lies between the outer pixel centres, |t| ≤ (1 − s)(1 − 1/W);
            // beyond them bilinear sampling would blend in the zero padding.
            var side = (rand(n, dtype: float32, generator: generator) * (float)(1 - CropScale) + (float)CropScale).sqrt();
            var tx = (rand(n, dtype: float32, generator: generator) * 2 - 1) * (1 - side) * (1 - (1f / w));
            var ty = (rand(n, dtype: float32, generator: generator) * 2 - 1) * (1 - side) * (1 - (1f / h));
            var zero = zeros(n, dtype: float32);
            var theta = stack([side, zero, tx, zero, side, ty], 1).view(n, 2, 3);
            var grid = nn.functional.affine_grid(theta, [n, c, h, w], align_corners: false);
            x = nn.functional.grid_sample(x, grid, align_corners: false);
        }
        if (PixelNoise > 0) x = x + (randn(x.shape, generator: generator) * (float)PixelNoise);
        return x;
    }
}
