using System.Reflection;

namespace ContrastiveOrleans.Experiments.Abstractions;

/// <summary>
/// The tool's version and source commit, from the informational version the SDK stamps into every assembly of one
/// build ("1.0.0+&lt;commit&gt;" inside a git checkout, "1.0.0" outside one).
/// </summary>
public static class BuildInfo
{
    private static readonly string Informational =
        typeof(BuildInfo).Assembly.GetCustomAttribute<AssemblyInformationalVersionAttribute>()?.InformationalVersion ?? "0.0.0";

    public static string Version { get; } = Informational.Split('+')[0];

    /// <summary>The commit the build came from, or null when it was built outside a git checkout.</summary>
    public static string? Commit { get; } = Informational.Split('+') is [_, var commit, ..] && commit.Length > 0 ? commit : null;
}
