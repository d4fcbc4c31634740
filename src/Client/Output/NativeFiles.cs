using System.Runtime.InteropServices;

namespace ContrastiveOrleans.Client.Output;

/// <summary>The two libc calls .NET does not expose: an atomic directory swap, and a permission check without writing.</summary>
internal static partial class NativeFiles
{
    private const int AtFdCwd = -100;
    private const uint RenameExchange = 2;
    private const int WriteOk = 2;
    private const int ExecuteOk = 1;

    /// <summary>
    /// Swaps two existing directories in one step (renameat2 RENAME_EXCHANGE, Linux 3.15+ on ext4, xfs, btrfs, tmpfs):
    /// the target path names the old or the new directory at every instant, never nothing. False where unsupported.
    /// </summary>
    public static bool TryExchange(string a, string b)
    {
        if (!OperatingSystem.IsLinux()) return false;
        try
        {
            return RenameAt2(AtFdCwd, a, AtFdCwd, b, RenameExchange) == 0;
        }
        catch (Exception e) when (e is EntryPointNotFoundException or DllNotFoundException)
        {
            return false;
        }
    }

    /// <summary>Whether this process may create entries in <paramref name="directory"/> (false on a read-only mount too).</summary>
    public static bool CanWriteInto(string directory)
    {
        if (!OperatingSystem.IsLinux() && !OperatingSystem.IsMacOS()) return true;
        try
        {
            return Access(directory, WriteOk | ExecuteOk) == 0;
        }
        catch (Exception e) when (e is EntryPointNotFoundException or DllNotFoundException)
        {
            return true;
        }
    }

    /// <summary>
    /// <paramref name="path"/> with symbolic links resolved as far as it exists (realpath of the longest existing
    /// prefix, the rest appended), so two spellings of one directory compare equal.
    /// </summary>
    public static string Canonical(string path)
    {
        ArgumentNullException.ThrowIfNull(path);
        var rest = new Stack<string>();
        var prefix = path;
        while (!Directory.Exists(prefix) && !File.Exists(prefix) && Path.GetDirectoryName(prefix) is { } up)
        {
            rest.Push(Path.GetFileName(prefix));
            prefix = up;
        }
        var real = RealPathOrSelf(prefix);
        while (rest.Count > 0) real = Path.Combine(real, rest.Pop());
        return real;
    }

    private static string RealPathOrSelf(string path)
    {
        if (!OperatingSystem.IsLinux() && !OperatingSystem.IsMacOS()) return path;
        try
        {
            var resolved = RealPath(path, IntPtr.Zero);
            if (resolved == IntPtr.Zero) return path;
            try
            {
                return Marshal.PtrToStringUTF8(resolved) ?? path;
            }
            finally
            {
                Free(resolved);
            }
        }
        catch (Exception e) when (e is EntryPointNotFoundException or DllNotFoundException)
        {
            return path;
        }
    }

    [LibraryImport("libc", EntryPoint = "realpath", StringMarshalling = StringMarshalling.Utf8)]
    private static partial IntPtr RealPath(string path, IntPtr resolved);

    [LibraryImport("libc", EntryPoint = "free")]
    private static partial void Free(IntPtr pointer);

    [LibraryImport("libc", EntryPoint = "renameat2", StringMarshalling = StringMarshalling.Utf8, SetLastError = true)]
    private static partial int RenameAt2(int oldDirectory, string oldPath, int newDirectory, string newPath, uint flags);

    [LibraryImport("libc", EntryPoint = "access", StringMarshalling = StringMarshalling.Utf8, SetLastError = true)]
    private static partial int Access(string path, int mode);
}
