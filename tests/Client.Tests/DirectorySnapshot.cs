using System.Security.Cryptography;

namespace ContrastiveOrleans.Client.Tests;

/// <summary>Every file under a directory with its SHA-256: equal snapshots mean nothing in it was changed.</summary>
internal static class DirectorySnapshot
{
    public static IReadOnlyList<string> Of(string directory) =>
        Directory.Exists(directory)
            ? [.. Directory.EnumerateFileSystemEntries(directory, "*", new EnumerationOptions { RecurseSubdirectories = true, AttributesToSkip = 0 })
                .Order(StringComparer.Ordinal)
                .Select(path => File.Exists(path)
                    ? $"{Path.GetRelativePath(directory, path)} {Convert.ToHexString(SHA256.HashData(File.ReadAllBytes(path)))}"
                    : $"{Path.GetRelativePath(directory, path)}/")]
            : [];
}
