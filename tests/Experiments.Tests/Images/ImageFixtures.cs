using System.Buffers.Binary;
using System.IO.Compression;

namespace ContrastiveOrleans.Experiments.Tests.Images;

/// <summary>Small IDX and CIFAR files written by the tests, byte by byte from the formats' definitions.</summary>
internal static class ImageFixtures
{
    /// <summary>An IDX file of unsigned bytes with the given shape (gzipped when the name ends in .gz).</summary>
    public static void WriteIdx(string path, int[] shape, byte[] data, int? magic = null)
    {
        using var buffer = new MemoryStream();
        Span<byte> word = stackalloc byte[4];
        BinaryPrimitives.WriteInt32BigEndian(word, magic ?? (0x800 | shape.Length));
        buffer.Write(word);
        foreach (var size in shape)
        {
            BinaryPrimitives.WriteInt32BigEndian(word, size);
            buffer.Write(word);
        }
        buffer.Write(data);
        var bytes = buffer.ToArray();
        if (path.EndsWith(".gz", StringComparison.Ordinal))
        {
            using var file = File.Create(path);
            using var gzip = new GZipStream(file, CompressionLevel.Fastest);
            gzip.Write(bytes);
        }
        else
        {
            File.WriteAllBytes(path, bytes);
        }
    }

    /// <summary>A Fashion-MNIST-shaped dataset (28×28, 10 classes) in <paramref name="dir"/>: image i of a split has
    /// every pixel equal to (i·7 + class·20) mod 256 and label i mod 10.</summary>
    public static void WriteFashion(string dir, int train, int test)
    {
        Directory.CreateDirectory(dir);
        foreach (var (prefix, n) in new[] { ("train", train), ("t10k", test) })
        {
            var pixels = new byte[n * 784];
            var labels = new byte[n];
            for (var i = 0; i < n; i++)
            {
                labels[i] = (byte)(i % 10);
                Array.Fill(pixels, (byte)(((i * 7) + (labels[i] * 20)) % 256), i * 784, 784);
            }
            WriteIdx(Path.Combine(dir, $"{prefix}-images-idx3-ubyte.gz"), [n, 28, 28], pixels);
            WriteIdx(Path.Combine(dir, $"{prefix}-labels-idx1-ubyte.gz"), [n], labels);
        }
    }

    /// <summary>CIFAR records: label byte(s), then 3072 pixels, pixel j of record i = (i + j) mod 256.</summary>
    public static void WriteCifar(string path, int records, int labelBytes, Func<int, byte> label)
    {
        using var file = File.Create(path);
        for (var i = 0; i < records; i++)
        {
            if (labelBytes == 2) file.WriteByte(0);
            file.WriteByte(label(i));
            for (var j = 0; j < 3072; j++) file.WriteByte((byte)((i + j) % 256));
        }
    }

    /// <summary>
    /// A Fashion-MNIST-shaped dataset whose classes are visible: an image of class c has rows 2c+3 and 2c+4 bright
    /// (200 ± 30) over dark noise (0..40), drawn from a seeded generator; label i mod 10, or <paramref name="relabel"/>'s.
    /// </summary>
    public static void WriteBands(string dir, int train, int test, Func<int, int>? relabel = null)
    {
        Directory.CreateDirectory(dir);
        var random = new Random(7);
        foreach (var (prefix, n) in new[] { ("train", train), ("t10k", test) })
        {
            var pixels = new byte[n * 784];
            var labels = new byte[n];
            for (var i = 0; i < n; i++)
            {
                var c = i % 10;
                labels[i] = (byte)(prefix == "train" && relabel is not null ? relabel(i) : c);
                for (var j = 0; j < 784; j++)
                {
                    var row = j / 28;
                    pixels[(i * 784) + j] = (byte)(row == (2 * c) + 3 || row == (2 * c) + 4 ? 170 + random.Next(61) : random.Next(41));
                }
            }
            WriteIdx(Path.Combine(dir, $"{prefix}-images-idx3-ubyte.gz"), [n, 28, 28], pixels);
            WriteIdx(Path.Combine(dir, $"{prefix}-labels-idx1-ubyte.gz"), [n], labels);
        }
    }
}
