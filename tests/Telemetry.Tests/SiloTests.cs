namespace ContrastiveOrleans.Telemetry.Tests;

/// <summary>
/// Instruments are static and an exporter listens process-wide: two tests running sweeps at once would count each
/// other's points. Every class that runs a silo joins this collection, so they run one at a time.
/// </summary>
[CollectionDefinition(Name)]
public sealed class SiloTests
{
    public const string Name = "silo";
}
