using System.Reflection;

namespace ContrastiveOrleans.Cluster.Tests;

/// <summary>Paths of the build outputs the tests run as processes, in this test build's configuration.</summary>
internal static class Repo
{
    public static string Root { get; } = FindRoot();

    private static string Configuration =>
        typeof(Repo).Assembly.GetCustomAttribute<AssemblyConfigurationAttribute>()?.Configuration ?? "Debug";

    public static string SiloDll => Output("Silo", "ContrastiveOrleans.Silo.dll");

    public static string ClientDll => Output("Client", "contrastive.dll");

    private static string Output(string project, string dll)
    {
        var path = Path.Combine(Root, "src", project, "bin", Configuration, "net10.0", dll);
        return File.Exists(path) ? path : throw new FileNotFoundException($"{path} is missing; build the solution first", path);
    }

    private static string FindRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "ContrastiveOrleans.sln"))) return dir.FullName;
        }
        throw new InvalidOperationException("ContrastiveOrleans.sln not found above " + AppContext.BaseDirectory);
    }
}
