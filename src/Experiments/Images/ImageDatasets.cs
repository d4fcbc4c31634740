namespace ContrastiveOrleans.Experiments.Images;

/// <summary>
/// The image datasets the experiments read, where their files live, and a process-wide cache: a dataset is read once
/// per process however many points use it (a failed read is not cached, so installing the files mid-sweep works).
/// </summary>
public static class ImageDatasets
{
    public const string FashionMnist = "fashion-mnist";
    public const string Cifar10 = "cifar10";
    public const string Cifar100 = "cifar100";

    public static readonly string[] All = [FashionMnist, Cifar10, Cifar100];

    /// <summary>Where Debian's dataset-fashion-mnist package puts the four gzipped IDX files.</summary>
    public const string FashionMnistDirectory = "/usr/share/datasets/fashion-mnist";

    private static readonly ProcessCache<(ImageSet Train, ImageSet Test)> Cache = new();

    /// <summary>The published sizes of a dataset.</summary>
    public static ImageDatasetShape Shape(string dataset) => dataset switch
    {
        FashionMnist => new(60_000, 10_000, 784, 10),
        Cifar10 => new(50_000, 10_000, 3072, 10),
        Cifar100 => new(50_000, 10_000, 3072, 100),
        _ => throw new ArgumentException($"dataset: '{dataset}' is not one of {string.Join(", ", All)}", nameof(dataset)),
    };

    /// <summary>The full path a dataset is read from: data_dir, or the dataset's default when it is empty.</summary>
    public static string DirectoryOf(string dataset, string? directory) =>
        Path.TrimEndingDirectorySeparator(Path.GetFullPath(string.IsNullOrEmpty(directory) ? DefaultDirectory(dataset) : directory));

    /// <summary>The directory a dataset is read from when data_dir is empty.</summary>
    public static string DefaultDirectory(string dataset) => dataset switch
    {
        FashionMnist => FashionMnistDirectory,
        Cifar10 => "/usr/share/datasets/cifar-10",
        Cifar100 => "/usr/share/datasets/cifar-100",
        _ => throw new ArgumentException($"dataset: '{dataset}' is not one of {string.Join(", ", All)}", nameof(dataset)),
    };

    /// <summary>Whether a dataset is horizontally symmetric, so a mirrored image is a plausible augmentation (clothes
    /// and natural images are; digits would not be).</summary>
    public static bool Flips(string dataset) => dataset is FashionMnist or Cifar10 or Cifar100;

    /// <summary>The training and test splits, read once per process.</summary>
    public static (ImageSet Train, ImageSet Test) Load(string dataset, string directory)
    {
        ArgumentNullException.ThrowIfNull(dataset);
        var dir = DirectoryOf(dataset, directory);
        return Cache.Get(dataset + "|" + dir, () => Read(dataset, dir), out _);
    }

    private static (ImageSet, ImageSet) Read(string dataset, string dir) => dataset switch
    {
        FashionMnist => (Idx(dir, "train", 10), Idx(dir, "t10k", 10)),
        Cifar10 => Cifar(Path.Combine(dir, "cifar-10-batches-bin"), dir, [.. Enumerable.Range(1, 5).Select(i => $"data_batch_{i}.bin")], "test_batch.bin", 1, 10,
            "cifar-10-binary.tar.gz"),
        Cifar100 => Cifar(Path.Combine(dir, "cifar-100-binary"), dir, ["train.bin"], "test.bin", 2, 100, "cifar-100-binary.tar.gz"),
        _ => throw new ArgumentException($"dataset: '{dataset}' is not one of {string.Join(", ", All)}", nameof(dataset)),
    };

    /// <summary>{prefix}-images-idx3-ubyte[.gz] and {prefix}-labels-idx1-ubyte[.gz].</summary>
    private static ImageSet Idx(string dir, string prefix, int classes)
    {
        var imagesPath = Find(dir, $"{prefix}-images-idx3-ubyte", FashionMnist);
        var labelsPath = Find(dir, $"{prefix}-labels-idx1-ubyte", FashionMnist);
        var (shape, pixels) = IdxReader.Read(imagesPath, 3);
        var (labelShape, labels) = IdxReader.Read(labelsPath, 1);
        if (labelShape[0] != shape[0]) throw new ImageDataException($"{labelsPath}: {labelShape[0]} labels for the {shape[0]} images of {imagesPath}");
        var bad = Array.FindIndex(labels, l => l >= classes);
        if (bad >= 0) throw new ImageDataException($"{labelsPath}: label {labels[bad]} at {bad} is not below {classes}");
        return new ImageSet(pixels, labels, shape[0], 1, shape[1], shape[2], classes);
    }

    private static string Find(string dir, string name, string dataset)
    {
        foreach (var candidate in (string[])[Path.Combine(dir, name + ".gz"), Path.Combine(dir, name)])
        {
            if (File.Exists(candidate)) return candidate;
        }
        var hint = dataset == FashionMnist && dir == FashionMnistDirectory ? "; install it with `apt-get install dataset-fashion-mnist`" : "";
        throw new ImageDataException($"{Path.Combine(dir, name + ".gz")}: not found{hint}");
    }

    private static (ImageSet, ImageSet) Cifar(string nested, string dir, string[] trainFiles, string testFile, int labelBytes, int classes, string archive)
    {
        // The archives extract to a folder of their own; accept the files there or directly in data_dir.
        var root = File.Exists(Path.Combine(nested, testFile)) ? nested : dir;
        foreach (var file in trainFiles.Append(testFile))
        {
            var path = Path.Combine(root, file);
            if (!File.Exists(path)) throw new ImageDataException($"{path}: not found; extract {archive} (https://www.cs.toronto.edu/~kriz/cifar.html) into {dir}");
        }
        return (CifarReader.Read([.. trainFiles.Select(f => Path.Combine(root, f))], labelBytes, classes),
            CifarReader.Read([Path.Combine(root, testFile)], labelBytes, classes));
    }
}
