namespace ContrastiveOrleans.Cluster.Tests;

/// <summary>The Azurite process ended before it listened on its ports (a port taken meanwhile, most likely).</summary>
public sealed class AzuriteExitedException(string message) : Exception(message);
