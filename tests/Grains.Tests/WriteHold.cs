namespace ContrastiveOrleans.Grains.Tests;

/// <summary>One held write (<see cref="WriteHolds"/>).</summary>
public sealed class WriteHold
{
    private readonly TaskCompletionSource _entered = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private readonly TaskCompletionSource _released = new(TaskCreationOptions.RunContinuationsAsynchronously);

    /// <summary>Completes when the write arrived and is waiting.</summary>
    public Task Entered => _entered.Task;

    internal Task Released => _released.Task;

    internal void Enter() => _entered.TrySetResult();

    public void Release() => _released.TrySetResult();
}
