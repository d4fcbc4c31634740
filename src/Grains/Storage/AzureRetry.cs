using Azure.Core;

namespace ContrastiveOrleans.Grains.Storage;

/// <summary>
/// One retry policy for every Azure Storage client (result blobs, grain state, membership and reminder tables):
/// exponential from 0.5 s to 4 s, 6 retries — about 15 s of outage absorbed per request before callers retry themselves.
/// </summary>
public static class AzureRetry
{
    public static T Configure<T>(T options) where T : ClientOptions
    {
        ArgumentNullException.ThrowIfNull(options);
        options.Retry.Mode = RetryMode.Exponential;
        options.Retry.MaxRetries = 6;
        options.Retry.Delay = TimeSpan.FromMilliseconds(500);
        options.Retry.MaxDelay = TimeSpan.FromSeconds(4);
        options.Retry.NetworkTimeout = TimeSpan.FromSeconds(30);
        // Request and response logging could carry SAS tokens in URIs; nothing here needs it.
        options.Diagnostics.IsLoggingContentEnabled = false;
        options.Diagnostics.IsLoggingEnabled = false;
        return options;
    }
}
