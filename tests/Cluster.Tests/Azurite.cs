using System.Diagnostics;

namespace ContrastiveOrleans.Cluster.Tests;

/// <summary>
/// An Azurite process of this test on free loopback ports: in memory, or on disk under a temp --location so it can be
/// stopped and restarted on the same ports without losing data. Needs $CONTRASTIVE_AZURITE (set by test.sh).
/// </summary>
public sealed class Azurite : IAsyncDisposable
{
    /// <summary>Azurite's well-known development account key: public, yet never allowed in our logs.</summary>
    public const string AccountKey = "Eby8vdM02xNOcqFlqUwJPLlmEtlCDXJ1OUzFT50uSRZ6IFsuFq2UVErCz4I6tq/K1SZFPTOtr/KBHBeksoGMGw==";

    private readonly string _binary;
    private readonly string? _location;
    private readonly int[] _ports = [Ports.Free(), Ports.Free(), Ports.Free()];
    private Process? _process;

    private Azurite(string binary, string? location)
    {
        _binary = binary;
        _location = location;
    }

    public string ConnectionString =>
        $"DefaultEndpointsProtocol=http;AccountName=devstoreaccount1;AccountKey={AccountKey};" +
        $"BlobEndpoint=http://127.0.0.1:{_ports[0]}/devstoreaccount1;QueueEndpoint=http://127.0.0.1:{_ports[1]}/devstoreaccount1;" +
        $"TableEndpoint=http://127.0.0.1:{_ports[2]}/devstoreaccount1";

    public static string Binary()
    {
        var path = Environment.GetEnvironmentVariable("CONTRASTIVE_AZURITE");
        if (string.IsNullOrWhiteSpace(path))
        {
            throw new InvalidOperationException("CONTRASTIVE_AZURITE is not set: the cluster tests need Azurite. Run ./test.sh, or " +
                "`source build/test-prerequisites.sh && install_test_prerequisites` in this shell, then run the tests again.");
        }
        return File.Exists(path) ? path
            : throw new InvalidOperationException($"CONTRASTIVE_AZURITE={path}: no such file; run build/test-prerequisites.sh (npm install of azurite@3.37.0)");
    }

    public static async Task<Azurite> StartAsync(bool onDisk = false)
    {
        var location = onDisk ? Directory.CreateTempSubdirectory("contrastive-azurite-").FullName : null;
        var azurite = new Azurite(Binary(), location);
        // A port found free can be taken by another test's process before Azurite binds it: then Azurite exits at once,
        // and a first start tries fresh ports (a restart keeps its own, which the silos already use).
        for (var attempt = 1; ; attempt++)
        {
            try
            {
                await azurite.RestartAsync();
                return azurite;
            }
            catch (AzuriteExitedException) when (attempt < 3)
            {
                for (var i = 0; i < azurite._ports.Length; i++) azurite._ports[i] = Ports.Free();
            }
        }
    }

    public async Task RestartAsync()
    {
        var info = new ProcessStartInfo(_binary) { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        foreach (var arg in new[] { "--skipApiVersionCheck", "--loose", "--silent",
            "--blobHost", "127.0.0.1", "--blobPort", $"{_ports[0]}", "--queueHost", "127.0.0.1", "--queuePort", $"{_ports[1]}",
            "--tableHost", "127.0.0.1", "--tablePort", $"{_ports[2]}" })
        {
            info.ArgumentList.Add(arg);
        }
        if (_location is null) info.ArgumentList.Add("--inMemoryPersistence");
        else
        {
            info.ArgumentList.Add("--location");
            info.ArgumentList.Add(_location);
        }
        var process = Process.Start(info) ?? throw new InvalidOperationException("could not start Azurite");
        _process = process;
        Orphans.Track(process);
        var errors = new System.Collections.Concurrent.ConcurrentQueue<string>();
        process.OutputDataReceived += (_, _) => { };
        process.ErrorDataReceived += (sender, e) =>
        {
            if (e.Data is null) return;
            errors.Enqueue(e.Data);
            if (errors.Count > 20) errors.TryDequeue(out _);
        };
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        // Generous: the test assemblies run side by side on two cores, and node's start is slow under that load.
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(60));
        using var exited = CancellationTokenSource.CreateLinkedTokenSource(timeout.Token);
        void OnExited(object? sender, EventArgs e)
        {
            try
            {
                exited.Cancel();
            }
            catch (ObjectDisposedException)
            {
                // Exited after the wait ended: nothing is waiting any more.
            }
        }

        process.EnableRaisingEvents = true;
        process.Exited += OnExited;
        try
        {
            if (process.HasExited) await exited.CancelAsync();
            foreach (var port in _ports) await Ports.WaitListening(port, exited.Token);
            // Something else listening on a port answers too; Azurite then exits at once.
            await Task.Delay(200, exited.Token);
        }
        catch (OperationCanceledException) when (process.HasExited)
        {
            Orphans.Forget(process);
            _process = null;
            throw new AzuriteExitedException($"Azurite exited with {process.ExitCode} before listening on {string.Join(", ", _ports)}: " +
                string.Join(" | ", errors));
        }
        catch (OperationCanceledException) when (timeout.IsCancellationRequested)
        {
            throw new TimeoutException($"Azurite did not listen on {string.Join(", ", _ports)} within 60 s: " + string.Join(" | ", errors));
        }
        finally
        {
            // Its later exit (a kill by this test) must not cancel a source disposed by then.
            process.Exited -= OnExited;
        }
    }

    /// <summary>SIGKILL: an outage, not a shutdown.</summary>
    public async Task KillAsync()
    {
        if (_process is not { HasExited: false } p) return;
        p.Kill(entireProcessTree: true);
        await p.WaitForExitAsync();
        Orphans.Forget(p);
        p.Dispose();
        _process = null;
    }

    public async ValueTask DisposeAsync()
    {
        await KillAsync();
        if (_location is not null && Directory.Exists(_location)) Directory.Delete(_location, recursive: true);
    }
}
