namespace ContrastiveOrleans.Grains.Storage;

/// <summary>Where the file store lives: --store, else $CONTRASTIVE_STORE, else $XDG_CACHE_HOME (or ~/.cache)/contrastive/store.</summary>
public static class ResultStoreLocation
{
    public const string EnvironmentVariable = "CONTRASTIVE_STORE";

    public static string Resolve(string? explicitDirectory)
    {
        if (!string.IsNullOrWhiteSpace(explicitDirectory)) return Path.GetFullPath(explicitDirectory);
        var fromEnvironment = Environment.GetEnvironmentVariable(EnvironmentVariable);
        if (!string.IsNullOrWhiteSpace(fromEnvironment)) return Path.GetFullPath(fromEnvironment);
        var cache = Environment.GetEnvironmentVariable("XDG_CACHE_HOME");
        if (string.IsNullOrWhiteSpace(cache))
        {
            cache = Path.Combine(Environment.GetFolderPath(Environment.SpecialFolder.UserProfile), ".cache");
        }
        return Path.Combine(cache, "contrastive", "store");
    }
}
