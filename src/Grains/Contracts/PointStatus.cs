namespace ContrastiveOrleans.Grains.Contracts;

/// <summary>How a point ended. Only Done results are reused from the store; Cancelled ones are never stored; Stopped
/// ones (an early-stopping rule ended the training) are stored for their sweep's output and never reused.</summary>
[GenerateSerializer]
public enum PointStatus
{
    Done,
    Failed,
    Cancelled,
    Stopped,
}
