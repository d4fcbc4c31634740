using System.Diagnostics;
using System.Text.Json;

namespace ContrastiveOrleans.Bench;

/// <summary>Runs a reference script with Debian's python3 (python3-torch / python3-sklearn) and collects its JSON lines.</summary>
public static class PythonPeer
{
    public const string Interpreter = "/usr/bin/python3";

    public static bool Available(string module)
    {
        if (!File.Exists(Interpreter)) return false;
        using var process = Process.Start(new ProcessStartInfo(Interpreter, ["-c", $"import {module}"])
        {
            RedirectStandardError = true,
            RedirectStandardOutput = true,
        })!;
        process.WaitForExit();
        return process.ExitCode == 0;
    }

    public static List<JsonElement> Run(string script, IEnumerable<string> arguments, IReadOnlyDictionary<string, string>? environment = null)
    {
        var start = new ProcessStartInfo(Interpreter) { RedirectStandardOutput = true, RedirectStandardError = true };
        start.ArgumentList.Add(script);
        foreach (var a in arguments) start.ArgumentList.Add(a);
        // The same glibc heap settings NativeHeap applies in our process, so neither side pays page faults the other does not.
        start.Environment["MALLOC_MMAP_MAX_"] = "0";
        start.Environment["MALLOC_TRIM_THRESHOLD_"] = "1073741824";
        foreach (var (k, v) in environment ?? new Dictionary<string, string>()) start.Environment[k] = v;
        using var process = Process.Start(start)!;
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        process.WaitForExit();
        if (process.ExitCode != 0) throw new InvalidOperationException($"{script} failed ({process.ExitCode}): {stderr.Result}");
        return [.. stdout.Result.Split('\n', StringSplitOptions.RemoveEmptyEntries).Select(l => JsonDocument.Parse(l).RootElement.Clone())];
    }
}
