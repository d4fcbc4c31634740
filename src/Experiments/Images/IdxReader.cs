using System.Buffers.Binary;
using System.IO.Compression;

namespace ContrastiveOrleans.Experiments.Images;

/// <summary>
/// Reads IDX files (the MNIST / Fashion-MNIST format), gzipped or not: a big-endian header of magic 0x0000_08NN (0x08 =
/// unsigned bytes, NN = number of dimensions), then one 32-bit size per dimension, then the bytes.
/// </summary>
public static class IdxReader
{
    /// <summary>The dimensions and the bytes of the file at <paramref name="path"/>, which must have
    /// <paramref name="dimensions"/> dimensions.</summary>
    public static (int[] Shape, byte[] Data) Read(string path, int dimensions)
    {
        ArgumentNullException.ThrowIfNull(path);
        if (!File.Exists(path)) throw new ImageDataException($"{path}: not found");
        try
        {
            using var file = File.OpenRead(path);
            var gzip = file.ReadByte() == 0x1f && file.ReadByte() == 0x8b;
            file.Position = 0;
            using Stream stream = gzip ? new GZipStream(file, CompressionMode.Decompress) : file;
            Span<byte> head = stackalloc byte[4];
            if (!Fill(stream, head)) throw new ImageDataException($"{path}: truncated: no IDX header");
            var magic = BinaryPrimitives.ReadInt32BigEndian(head);
            if (magic >> 8 != 0x08 || (magic & 0xff) != dimensions)
            {
                throw new ImageDataException($"{path}: not an IDX file of {dimensions}-dimensional unsigned bytes (magic 0x{magic:x8}, expected 0x{0x800 | dimensions:x8})");
            }
            var shape = new int[dimensions];
            long total = 1;
            for (var i = 0; i < dimensions; i++)
            {
                if (!Fill(stream, head)) throw new ImageDataException($"{path}: truncated: the header ends before its {dimensions} sizes");
                shape[i] = BinaryPrimitives.ReadInt32BigEndian(head);
                if (shape[i] <= 0) throw new ImageDataException($"{path}: dimension {i} has size {shape[i]}");
                total *= shape[i];
            }
            if (total > Array.MaxLength) throw new ImageDataException($"{path}: {total} bytes of data is more than one array holds");
            var data = new byte[total];
            var read = ReadAll(stream, data);
            if (read < total) throw new ImageDataException($"{path}: truncated: {read} of {total} data bytes");
            if (stream.ReadByte() >= 0) throw new ImageDataException($"{path}: {total} data bytes expected, more found");
            return (shape, data);
        }
        catch (InvalidDataException e)
        {
            throw new ImageDataException($"{path}: corrupt gzip data ({e.Message})", e);
        }
        catch (IOException e)
        {
            throw new ImageDataException($"{path}: {e.Message}", e);
        }
    }

    private static bool Fill(Stream stream, Span<byte> buffer) => stream.ReadAtLeast(buffer, buffer.Length, throwOnEndOfStream: false) == buffer.Length;

    private static int ReadAll(Stream stream, byte[] data) => stream.ReadAtLeast(data, data.Length, throwOnEndOfStream: false);
}
