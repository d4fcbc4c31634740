using ContrastiveOrleans.Experiments.Abstractions;

namespace ContrastiveOrleans.Client.Cli;

/// <summary>What every command is given: the experiments, where to write, and the environment (tests pass their own).</summary>
public sealed record CliContext(ExperimentCatalog Catalog, CliConsole Console, Func<string, string?> Environment);
