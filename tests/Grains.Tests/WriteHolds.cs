using System.Collections.Concurrent;

namespace ContrastiveOrleans.Grains.Tests;

/// <summary>
/// Writes a test holds back: the next write of a grain's state waits until the test releases it, so a test can act
/// while a grain is inside a given await (a start being recorded) instead of hoping the scheduler lands there.
/// </summary>
public sealed class WriteHolds
{
    private readonly ConcurrentDictionary<(string State, string Grain), WriteHold> _holds = new();

    /// <summary>Holds the next write of <paramref name="stateName"/> by the grain keyed <paramref name="grainKey"/>.</summary>
    public WriteHold HoldNext(string stateName, string grainKey)
    {
        var hold = new WriteHold();
        if (!_holds.TryAdd((stateName, grainKey), hold)) throw new InvalidOperationException($"{stateName} of {grainKey} is already held");
        return hold;
    }

    /// <summary>Waits here if the write is held: it signals <see cref="WriteHold.Entered"/>, then waits for the release.</summary>
    public async Task Pass(string stateName, string grainKey)
    {
        if (!_holds.TryRemove((stateName, grainKey), out var hold)) return;
        hold.Enter();
        await hold.Released.ConfigureAwait(false);
    }
}
