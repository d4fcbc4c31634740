namespace ContrastiveOrleans.Grains.Contracts;

/// <summary>Lifecycle of a sweep grain. Completed and Cancelled are final: no point is running any more.</summary>
[GenerateSerializer]
public enum SweepState
{
    NotStarted,
    Running,
    Cancelling,
    Completed,
    Cancelled,
}
