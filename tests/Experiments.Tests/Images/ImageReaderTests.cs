using ContrastiveOrleans.Experiments.Images;

namespace ContrastiveOrleans.Experiments.Tests.Images;

/// <summary>The IDX and CIFAR readers on fixtures, including truncated, oversized and wrong-magic files.</summary>
public sealed class ImageReaderTests : IDisposable
{
    private readonly string _dir = Directory.CreateTempSubdirectory("contrastive-images-").FullName;

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    [Theory]
    [InlineData("images.idx")]
    [InlineData("images.idx.gz")]
    public void Idx_reads_the_big_endian_shape_and_the_bytes_gzipped_or_not(string name)
    {
        var path = Path.Combine(_dir, name);
        byte[] data = [.. Enumerable.Range(0, 2 * 3 * 4).Select(i => (byte)(i * 5))];
        ImageFixtures.WriteIdx(path, [2, 3, 4], data);
        var (shape, read) = IdxReader.Read(path, 3);
        Assert.Equal([2, 3, 4], shape);
        Assert.Equal(data, read);
    }

    [Fact]
    public void Idx_with_the_wrong_magic_names_the_path_and_the_expected_magic()
    {
        var path = Path.Combine(_dir, "labels.gz");
        ImageFixtures.WriteIdx(path, [4], [1, 2, 3, 4]);
        var e = Assert.Throws<ImageDataException>(() => IdxReader.Read(path, 3));
        Assert.Equal($"{path}: not an IDX file of 3-dimensional unsigned bytes (magic 0x00000801, expected 0x00000803)", e.Message);
        ImageFixtures.WriteIdx(path, [4], [1, 2, 3, 4], magic: 0x0d01);     // 0x0d: floats
        Assert.Contains("magic 0x00000d01", Assert.Throws<ImageDataException>(() => IdxReader.Read(path, 1)).Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Truncated_or_oversized_idx_data_and_corrupt_gzip_are_one_line_naming_the_path()
    {
        var path = Path.Combine(_dir, "short.idx");
        ImageFixtures.WriteIdx(path, [2, 2, 2], [1, 2, 3]);
        Assert.Equal($"{path}: truncated: 3 of 8 data bytes", Assert.Throws<ImageDataException>(() => IdxReader.Read(path, 3)).Message);
        ImageFixtures.WriteIdx(path, [1, 2, 2], [1, 2, 3, 4, 5]);
        Assert.Equal($"{path}: 4 data bytes expected, more found", Assert.Throws<ImageDataException>(() => IdxReader.Read(path, 3)).Message);
        File.WriteAllBytes(path, [0, 0, 8]);
        Assert.Equal($"{path}: truncated: no IDX header", Assert.Throws<ImageDataException>(() => IdxReader.Read(path, 3)).Message);
        var gz = Path.Combine(_dir, "bad.gz");
        File.WriteAllBytes(gz, [0x1f, 0x8b, 8, 0, 0, 0, 0, 0, 0, 3, 0xff, 0xff, 0xff]);
        var message = Assert.Throws<ImageDataException>(() => IdxReader.Read(gz, 3)).Message;
        Assert.StartsWith($"{gz}: ", message, StringComparison.Ordinal);
        Assert.DoesNotContain('\n', message);
        Assert.Equal($"{Path.Combine(_dir, "nope")}: not found", Assert.Throws<ImageDataException>(() => IdxReader.Read(Path.Combine(_dir, "nope"), 3)).Message);
    }

    [Fact]
    public void Cifar_records_split_into_labels_and_channel_planes()
    {
        var a = Path.Combine(_dir, "a.bin");
        var b = Path.Combine(_dir, "b.bin");
        ImageFixtures.WriteCifar(a, 3, 1, i => (byte)(9 - i));
        ImageFixtures.WriteCifar(b, 2, 1, i => (byte)i);
        var set = CifarReader.Read([a, b], 1, 10);
        Assert.Equal((5, 3, 32, 32, 10), (set.Count, set.Channels, set.Height, set.Width, set.Classes));
        Assert.Equal([9, 8, 7, 0, 1], set.Labels);
        // Record 1 of a.bin: pixel j = (1 + j) mod 256; the green plane starts at 1024.
        Assert.Equal((byte)((1 + 1024) % 256), set.Pixels[3072 + 1024]);
        Assert.Equal((byte)((1 + 3071) % 256), set.Pixels[(4 * 3072) + 3071]);   // record 1 of b.bin, last blue pixel
    }

    [Fact]
    public void Cifar100_takes_the_fine_label_and_a_partial_record_or_a_wrong_variant_is_refused()
    {
        var path = Path.Combine(_dir, "train.bin");
        ImageFixtures.WriteCifar(path, 2, 2, i => (byte)(50 + i));
        Assert.Equal([50, 51], CifarReader.Read([path], 2, 100).Labels);
        // The same bytes read as CIFAR-10 (3073-byte records): 6148 bytes is not a whole number of them.
        Assert.Equal($"{path}: 6148 bytes is not a whole number of 3073-byte CIFAR records (truncated, or not this CIFAR variant)",
            Assert.Throws<ImageDataException>(() => CifarReader.Read([path], 1, 10)).Message);
        ImageFixtures.WriteCifar(path, 1, 1, _ => 12);
        Assert.Equal($"{path}: record 0 has label 12, not below 10 (not this CIFAR variant?)", Assert.Throws<ImageDataException>(() => CifarReader.Read([path], 1, 10)).Message);
    }

    [Fact]
    public void A_missing_fashion_mnist_file_names_the_path_and_for_the_debian_location_the_package()
    {
        var e = Assert.Throws<ImageDataException>(() => ImageDatasets.Load(ImageDatasets.FashionMnist, _dir));
        Assert.Equal($"{Path.Combine(_dir, "train-images-idx3-ubyte.gz")}: not found", e.Message);
        var cifar = Assert.Throws<ImageDataException>(() => ImageDatasets.Load(ImageDatasets.Cifar10, _dir));
        Assert.StartsWith($"{Path.Combine(_dir, "data_batch_1.bin")}: not found; extract cifar-10-binary.tar.gz", cifar.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_dataset_is_read_once_per_process_and_a_failed_read_is_retried()
    {
        var dir = Path.Combine(_dir, "fashion");
        Assert.Throws<ImageDataException>(() => ImageDatasets.Load(ImageDatasets.FashionMnist, dir));
        ImageFixtures.WriteFashion(dir, 40, 20);
        var (train, test) = ImageDatasets.Load(ImageDatasets.FashionMnist, dir);
        Assert.Equal((40, 20, 28, 28), (train.Count, test.Count, train.Height, train.Width));
        Assert.Same(train, ImageDatasets.Load(ImageDatasets.FashionMnist, dir + "/").Train);
    }

    [Fact]
    public void The_installed_fashion_mnist_is_60000_and_10000_balanced_images()
    {
        // Debian's dataset-fashion-mnist (./test.sh installs it): the published split, 6,000 and 1,000 per class.
        var (train, test) = ImageDatasets.Load(ImageDatasets.FashionMnist, "");
        Assert.Equal((60_000, 10_000, 1, 28, 28, 10), (train.Count, test.Count, train.Channels, train.Height, train.Width, train.Classes));
        Assert.All(train.Labels.CountBy(l => l), kv => Assert.Equal(6000, kv.Value));
        Assert.All(test.Labels.CountBy(l => l), kv => Assert.Equal(1000, kv.Value));
    }
}
