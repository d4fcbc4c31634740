// Compiled twice: by MSBuild's RoslynCodeTaskFactory (TorchSharpNativePatch.targets) and by the build tests.
// Kept free of newer C# features because the task factory compiles it with its own language version.
#pragma warning disable CA1050 // RoslynCodeTaskFactory finds the task by its bare type name.
using System;
using System.Collections.Generic;
using System.IO;
using System.Text;
using Microsoft.Build.Framework;
using Microsoft.Build.Utilities;

/// <summary>
/// Marks one symbol-version requirement of an ELF64 shared library as weak (VER_FLG_WEAK) so the dynamic loader
/// accepts a system library that lacks that version. TorchSharp's libLibTorchSharp.so needs GLIBCXX_3.4.32 only for
/// std::ios_base_library_init(), a link-time anchor without relocations, so a weak need is safe there.
/// </summary>
public sealed class ElfWeakVersionNeed : Microsoft.Build.Utilities.Task
{
    public const ushort VerFlagWeak = 0x2;
    private const uint ShtGnuVerneed = 0x6ffffffe;

    [Required] public ITaskItem[] Files { get; set; } = Array.Empty<ITaskItem>();
    [Required] public string Version { get; set; } = string.Empty;

    /// <summary>System libraries that may already provide <see cref="Version"/>; if one does, nothing is patched.</summary>
    public ITaskItem[] ProvidedBy { get; set; } = Array.Empty<ITaskItem>();

    public override bool Execute()
    {
        foreach (var provider in ProvidedBy)
        {
            if (File.Exists(provider.ItemSpec) && Provides(provider.ItemSpec, Version))
            {
                Log.LogMessage(MessageImportance.Low, "{0} provides {1}; no patch needed.", provider.ItemSpec, Version);
                return true;
            }
        }
        foreach (var file in Files)
        {
            try
            {
                var outcome = Patch(file.ItemSpec, Version);
                Log.LogMessage(MessageImportance.Normal, "{0}: {1} {2}", file.ItemSpec, Version, outcome);
            }
            catch (Exception ex) when (ex is IOException || ex is InvalidDataException || ex is UnauthorizedAccessException)
            {
                Log.LogError("Cannot patch {0}: {1}", file.ItemSpec, ex.Message);
            }
        }
        return !Log.HasLoggedErrors;
    }

    /// <summary>True when a library defines the version string (for example libstdc++ defining GLIBCXX_3.4.32).</summary>
    public static bool Provides(string library, string version)
    {
        var needle = Encoding.ASCII.GetBytes(version + "\0");
        var bytes = File.ReadAllBytes(library);
        for (var i = 0; i + needle.Length <= bytes.Length; i++)
        {
            var j = 0;
            while (j < needle.Length && bytes[i + j] == needle[j]) j++;
            if (j == needle.Length && (i == 0 || bytes[i - 1] == 0)) return true;
        }
        return false;
    }

    /// <summary>Returns "patched", "already-weak" or "not-needed". Idempotent; only the flag bytes change.</summary>
    public static string Patch(string path, string version)
    {
        using (var stream = new FileStream(path, FileMode.Open, FileAccess.ReadWrite, FileShare.Read))
        {
            var entries = FindVersionNeeds(stream, version);
            if (entries.Count == 0) return "not-needed";
            var changed = false;
            var buffer = new byte[2];
            foreach (var flagsOffset in entries)
            {
                stream.Position = flagsOffset;
                ReadExactly(stream, buffer);
                var flags = (ushort)(buffer[0] | buffer[1] << 8);
                if ((flags & VerFlagWeak) != 0) continue;
                flags |= VerFlagWeak;
                buffer[0] = (byte)flags;
                buffer[1] = (byte)(flags >> 8);
                stream.Position = flagsOffset;
                stream.Write(buffer, 0, 2);
                changed = true;
            }
            return changed ? "patched" : "already-weak";
        }
    }

    /// <summary>File offsets of the vna_flags fields of every Vernaux entry that names <paramref name="version"/>.</summary>
    public static List<long> FindVersionNeeds(Stream stream, string version)
    {
        var header = new byte[64];
        stream.Position = 0;
        ReadExactly(stream, header);
        if (header[0] != 0x7f || header[1] != (byte)'E' || header[2] != (byte)'L' || header[3] != (byte)'F')
            throw new InvalidDataException("not an ELF file");
        if (header[4] != 2 || header[5] != 1)
            throw new InvalidDataException("only little-endian ELF64 is supported");
        var shoff = (long)BitConverter.ToUInt64(header, 0x28);
        int shentsize = BitConverter.ToUInt16(header, 0x3A);
        int shnum = BitConverter.ToUInt16(header, 0x3C);
        var sections = new byte[shentsize * shnum];
        stream.Position = shoff;
        ReadExactly(stream, sections);

        var result = new List<long>();
        for (var s = 0; s < shnum; s++)
        {
            var at = s * shentsize;
            if (BitConverter.ToUInt32(sections, at + 4) != ShtGnuVerneed) continue;
            var offset = (long)BitConverter.ToUInt64(sections, at + 0x18);
            var size = (long)BitConverter.ToUInt64(sections, at + 0x20);
            var link = (int)BitConverter.ToUInt32(sections, at + 0x28);
            var count = (int)BitConverter.ToUInt32(sections, at + 0x2C);
            var strtabAt = link * shentsize;
            var strOffset = (long)BitConverter.ToUInt64(sections, strtabAt + 0x18);
            var strSize = (long)BitConverter.ToUInt64(sections, strtabAt + 0x20);
            var strings = new byte[strSize];
            stream.Position = strOffset;
            ReadExactly(stream, strings);
            var need = new byte[size];
            stream.Position = offset;
            ReadExactly(stream, need);

            var vn = 0;
            for (var n = 0; n < count; n++)
            {
                int auxCount = BitConverter.ToUInt16(need, vn + 2);
                var aux = vn + (int)BitConverter.ToUInt32(need, vn + 8);
                for (var a = 0; a < auxCount; a++)
                {
                    var name = ReadString(strings, (int)BitConverter.ToUInt32(need, aux + 8));
                    if (name == version) result.Add(offset + aux + 4);
                    var next = (int)BitConverter.ToUInt32(need, aux + 12);
                    if (next == 0) break;
                    aux += next;
                }
                var nextNeed = (int)BitConverter.ToUInt32(need, vn + 12);
                if (nextNeed == 0) break;
                vn += nextNeed;
            }
        }
        return result;
    }

    private static string ReadString(byte[] table, int start)
    {
        var end = start;
        while (end < table.Length && table[end] != 0) end++;
        return Encoding.ASCII.GetString(table, start, end - start);
    }

    private static void ReadExactly(Stream stream, byte[] buffer)
    {
        var read = 0;
        while (read < buffer.Length)
        {
            var n = stream.Read(buffer, read, buffer.Length - read);
            if (n == 0) throw new InvalidDataException("truncated ELF file");
            read += n;
        }
    }
}
