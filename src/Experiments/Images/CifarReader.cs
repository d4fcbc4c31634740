namespace ContrastiveOrleans.Experiments.Images;

/// <summary>
/// Reads the CIFAR binary format: fixed records of label byte(s) then 3072 pixel bytes (three 32×32 planes, red,
/// green, blue). CIFAR-10 records have one label byte; CIFAR-100 records have two (coarse, fine), and the fine label
/// is the class.
/// </summary>
public static class CifarReader
{
    public const int Side = 32;
    public const int PixelBytes = 3 * Side * Side;

    /// <param name="labelBytes">1 for CIFAR-10, 2 for CIFAR-100.</param>
    /// <param name="classes">Labels must lie below this.</param>
    public static ImageSet Read(IReadOnlyList<string> paths, int labelBytes, int classes)
    {
        ArgumentNullException.ThrowIfNull(paths);
        var record = labelBytes + PixelBytes;
        var sizes = new long[paths.Count];
        for (var i = 0; i < paths.Count; i++)
        {
            if (!File.Exists(paths[i])) throw new ImageDataException($"{paths[i]}: not found");
            sizes[i] = new FileInfo(paths[i]).Length;
            if (sizes[i] == 0 || sizes[i] % record != 0)
            {
                throw new ImageDataException($"{paths[i]}: {sizes[i]} bytes is not a whole number of {record}-byte CIFAR records (truncated, or not this CIFAR variant)");
            }
        }
        var count = checked((int)(sizes.Sum() / record));
        var pixels = new byte[(long)count * PixelBytes];
        var labels = new byte[count];
        var n = 0;
        var buffer = new byte[record];
        foreach (var path in paths)
        {
            using var file = File.OpenRead(path);
            while (file.ReadAtLeast(buffer, record, throwOnEndOfStream: false) == record)
            {
                var label = buffer[labelBytes - 1];
                if (label >= classes) throw new ImageDataException($"{path}: record {n} has label {label}, not below {classes} (not this CIFAR variant?)");
                labels[n] = label;
                Buffer.BlockCopy(buffer, labelBytes, pixels, n * PixelBytes, PixelBytes);
                n++;
            }
        }
        return new ImageSet(pixels, labels, count, 3, Side, Side, classes);
    }
}
