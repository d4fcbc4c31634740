using System.Runtime.InteropServices;

namespace ContrastiveOrleans.Client;

/// <summary>
/// SIGINT (Ctrl-C), SIGTERM (docker stop, systemd, Kubernetes, Slurm preemption) and SIGHUP (a closed terminal) all
/// end work gracefully: the first cancels the token, so a run stops dispatching, cancels its running points, keeps
/// and writes every finished one, and exits 128 + the signal (130, 143, 129). A second signal ends the process at once.
/// </summary>
public sealed class SignalCancellation : IDisposable
{
    private readonly CancellationTokenSource _source = new();
    private readonly PosixSignalRegistration[] _registrations;
    private int _signal;

    public SignalCancellation()
    {
        _registrations = [.. new[] { PosixSignal.SIGINT, PosixSignal.SIGTERM, PosixSignal.SIGHUP }.Select(s => PosixSignalRegistration.Create(s, Handle))];
    }

    public CancellationToken Token => _source.Token;

    /// <summary>The signal number that cancelled the token (2, 15, 1), or 0.</summary>
    public int Signal => Volatile.Read(ref _signal);

    /// <summary><paramref name="exitCode"/>, or 128 + the signal for a run it cancelled (the shell's convention).</summary>
    public int ExitCode(int exitCode) => exitCode == ExitCodes.Cancelled && Signal != 0 ? 128 + Signal : exitCode;

    private void Handle(PosixSignalContext context)
    {
        // Unhandled (the default action: terminate) when a signal already asked for a graceful stop.
        if (Interlocked.CompareExchange(ref _signal, Number(context.Signal), 0) != 0) return;
        context.Cancel = true;
        _source.Cancel();
    }

    private static int Number(PosixSignal signal) => signal switch
    {
        PosixSignal.SIGINT => 2,
        PosixSignal.SIGTERM => 15,
        PosixSignal.SIGHUP => 1,
        _ => 0,
    };

    public void Dispose()
    {
        foreach (var registration in _registrations) registration.Dispose();
        _source.Dispose();
    }
}
