namespace ContrastiveOrleans.Grains.Contracts;

/// <summary>How a point ended. Only Done results are reused from the store; Cancelled ones are never stored.</summary>
[GenerateSerializer]
public enum PointStatus
{
    Done,
    Failed,
    Cancelled,
}
