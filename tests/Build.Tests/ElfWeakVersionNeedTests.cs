using System.Reflection;
using Microsoft.Build.Framework;
using Microsoft.Build.Utilities;

namespace ContrastiveOrleans.Build.Tests;

public sealed class ElfWeakVersionNeedTests : IDisposable
{
    private const string Version = "GLIBCXX_3.4.32";
    private readonly string _dir = Directory.CreateTempSubdirectory("elfpatch-").FullName;

    private static string ShippedLibrary()
    {
        var root = typeof(ElfWeakVersionNeedTests).Assembly.GetCustomAttributes<AssemblyMetadataAttribute>()
            .Single(a => a.Key == "TorchSharpPackageRoot").Value!;
        return Path.Combine(root, "runtimes", "linux-x64", "native", "libLibTorchSharp.so");
    }

    private string CopyOfShipped()
    {
        var copy = Path.Combine(_dir, "libLibTorchSharp.so");
        File.Copy(ShippedLibrary(), copy, overwrite: true);
        return copy;
    }

    private static ushort FlagsAt(string path, long offset)
    {
        var bytes = File.ReadAllBytes(path);
        return BitConverter.ToUInt16(bytes, (int)offset);
    }

    [Fact]
    public void Shipped_library_has_exactly_one_strong_need_for_the_version()
    {
        var path = CopyOfShipped();
        using var stream = File.OpenRead(path);
        var offsets = ElfWeakVersionNeed.FindVersionNeeds(stream, Version);
        stream.Dispose();
        var offset = Assert.Single(offsets);
        Assert.Equal(0, FlagsAt(path, offset) & ElfWeakVersionNeed.VerFlagWeak);
    }

    [Fact]
    public void Patch_sets_only_the_weak_flag_and_is_idempotent()
    {
        var path = CopyOfShipped();
        var before = File.ReadAllBytes(path);

        Assert.Equal("patched", ElfWeakVersionNeed.Patch(path, Version));
        var after = File.ReadAllBytes(path);
        Assert.Equal(before.Length, after.Length);
        var changed = Enumerable.Range(0, before.Length).Where(i => before[i] != after[i]).ToArray();
        var index = Assert.Single(changed);
        Assert.Equal(before[index] | ElfWeakVersionNeed.VerFlagWeak, after[index]);

        Assert.Equal("already-weak", ElfWeakVersionNeed.Patch(path, Version));
        Assert.Equal(after, File.ReadAllBytes(path));
    }

    [Fact]
    public void A_version_the_library_does_not_need_changes_nothing()
    {
        var path = CopyOfShipped();
        var before = File.ReadAllBytes(path);
        Assert.Equal("not-needed", ElfWeakVersionNeed.Patch(path, "GLIBCXX_99.0.0"));
        Assert.Equal(before, File.ReadAllBytes(path));
    }

    [Fact]
    public void Task_changes_nothing_when_the_system_library_provides_the_version()
    {
        var path = CopyOfShipped();
        var before = File.ReadAllBytes(path);
        var newerLibStdCxx = Path.Combine(_dir, "libstdc++.so.6");
        File.WriteAllBytes(newerLibStdCxx, [0, .. "GLIBCXX_3.4.31\0GLIBCXX_3.4.32\0"u8.ToArray()]);

        var task = new ElfWeakVersionNeed
        {
            BuildEngine = new SilentBuildEngine(),
            Files = [new TaskItem(path)],
            Version = Version,
            ProvidedBy = [new TaskItem(newerLibStdCxx)],
        };
        Assert.True(task.Execute());
        Assert.Equal(before, File.ReadAllBytes(path));
    }

    [Fact]
    public void Task_patches_when_no_system_library_provides_the_version()
    {
        var path = CopyOfShipped();
        var task = new ElfWeakVersionNeed
        {
            BuildEngine = new SilentBuildEngine(),
            Files = [new TaskItem(path)],
            Version = Version,
            ProvidedBy = [new TaskItem(Path.Combine(_dir, "missing.so"))],
        };
        Assert.True(task.Execute());
        using var stream = File.OpenRead(path);
        var offset = Assert.Single(ElfWeakVersionNeed.FindVersionNeeds(stream, Version));
        stream.Dispose();
        Assert.Equal(ElfWeakVersionNeed.VerFlagWeak, FlagsAt(path, offset) & ElfWeakVersionNeed.VerFlagWeak);
    }

    [Fact]
    public void A_file_that_is_not_elf_is_an_error_not_a_crash()
    {
        var path = Path.Combine(_dir, "libLibTorchSharp.so");
        File.WriteAllText(path, "not an elf file at all, but long enough to hold a header......................");
        var engine = new SilentBuildEngine();
        var task = new ElfWeakVersionNeed { BuildEngine = engine, Files = [new TaskItem(path)], Version = Version };
        Assert.False(task.Execute());
        Assert.Contains(engine.Errors, e => e.Contains("not an ELF file", StringComparison.Ordinal));
    }

    public void Dispose() => Directory.Delete(_dir, recursive: true);
}
