using System.Diagnostics;
using System.Text;

namespace ContrastiveOrleans.Cluster.Tests;

/// <summary>`dotnet DLL args` with extra environment; stdout and stderr are captured together for assertions.</summary>
internal sealed class ChildProcess : IAsyncDisposable
{
    private readonly Process _process;
    private readonly StringBuilder _output = new();
    private readonly StreamWriter? _log;

    public ChildProcess(string dll, IEnumerable<string> args, IReadOnlyDictionary<string, string> environment)
    {
        var info = new ProcessStartInfo("dotnet") { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        info.ArgumentList.Add(dll);
        foreach (var arg in args) info.ArgumentList.Add(arg);
        foreach (var (key, value) in environment) info.Environment[key] = value;
        // Plain console lines, no colour codes, so output can be searched.
        info.Environment["DOTNET_SYSTEM_CONSOLE_ALLOW_ANSI_COLOR_REDIRECTION"] = "false";
        info.Environment["Logging__Console__FormatterName"] = "simple";
        info.Environment["Logging__Console__FormatterOptions__ColorBehavior"] = "Disabled";
        _process = Process.Start(info) ?? throw new InvalidOperationException($"could not start {dll}");
        Orphans.Track(_process);
        // For diagnosing a hung or failed run: $CONTRASTIVE_TEST_LOGS gets one file per process.
        if (Environment.GetEnvironmentVariable("CONTRASTIVE_TEST_LOGS") is { Length: > 0 } logs)
        {
            Directory.CreateDirectory(logs);
            _log = new StreamWriter(System.IO.Path.Combine(logs, $"{System.IO.Path.GetFileNameWithoutExtension(dll)}-{_process.Id}.log")) { AutoFlush = true };
        }
        _process.OutputDataReceived += (_, e) => Append(e.Data);
        _process.ErrorDataReceived += (_, e) => Append(e.Data);
        _process.BeginOutputReadLine();
        _process.BeginErrorReadLine();
    }

    public string Output
    {
        get
        {
            lock (_output) return _output.ToString();
        }
    }

    public bool HasExited => _process.HasExited;

    public int ExitCode => _process.ExitCode;

    public async Task WaitForOutput(string text, TimeSpan timeout)
    {
        var deadline = DateTimeOffset.UtcNow + timeout;
        while (!Output.Contains(text, StringComparison.Ordinal))
        {
            if (_process.HasExited) throw new InvalidOperationException($"process exited ({_process.ExitCode}) before printing '{text}':\n{Tail()}");
            if (DateTimeOffset.UtcNow > deadline) throw new TimeoutException($"'{text}' not printed within {timeout.TotalSeconds} s:\n{Tail()}");
            await Task.Delay(100);
        }
    }

    public async Task<int> WaitForExit(TimeSpan timeout)
    {
        using var cancellation = new CancellationTokenSource(timeout);
        await _process.WaitForExitAsync(cancellation.Token);
        _process.WaitForExit();
        return _process.ExitCode;
    }

    /// <summary>Sends a signal by name (TERM, HUP, ...): the process may end gracefully.</summary>
    public async Task Signal(string name)
    {
        using var kill = Process.Start("kill", ["-" + name, _process.Id.ToString(System.Globalization.CultureInfo.InvariantCulture)]);
        await kill.WaitForExitAsync();
    }

    /// <summary>SIGKILL: the process gets no chance to leave the cluster cleanly.</summary>
    public async Task Kill()
    {
        if (_process.HasExited) return;
        _process.Kill(entireProcessTree: true);
        await _process.WaitForExitAsync();
    }

    public string Tail(int chars = 4000)
    {
        var text = Output;
        return text.Length <= chars ? text : text[^chars..];
    }

    public async ValueTask DisposeAsync()
    {
        await Kill();
        Orphans.Forget(_process);
        _process.Dispose();
        lock (_output) _log?.Dispose();
    }

    private void Append(string? line)
    {
        if (line is null) return;
        lock (_output)
        {
            _output.Append(line).Append('\n');
            _log?.WriteLine(line);
        }
    }
}
