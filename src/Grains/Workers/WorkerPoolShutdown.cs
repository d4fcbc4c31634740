using Microsoft.Extensions.Hosting;

namespace ContrastiveOrleans.Grains.Workers;

/// <summary>
/// Interrupts the worker pool as soon as the host starts stopping (SIGTERM), before Orleans begins to leave the
/// cluster: interrupted point calls fail fast while messaging still works, and their sweeps dispatch them again on
/// the silos that stay.
/// </summary>
internal sealed class WorkerPoolShutdown(IHostApplicationLifetime lifetime, WorkerPool pool) : IHostedService
{
    private CancellationTokenRegistration _registration;

    public Task StartAsync(CancellationToken cancellationToken)
    {
        _registration = lifetime.ApplicationStopping.Register(pool.Interrupt);
        return Task.CompletedTask;
    }

    public Task StopAsync(CancellationToken cancellationToken) => _registration.DisposeAsync().AsTask();
}
