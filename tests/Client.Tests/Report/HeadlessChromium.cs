using System.Diagnostics;
using System.Text.Json;

namespace ContrastiveOrleans.Client.Tests.Report;

/// <summary>
/// Runs report-check.cjs (playwright-core driving Debian's /usr/bin/chromium). build/test-prerequisites.sh installs
/// both and exports their paths; without them the test fails saying so (a skipped test would hide a broken report).
/// </summary>
internal static class HeadlessChromium
{
    public static string RepoRoot
    {
        get
        {
            for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
            {
                if (File.Exists(Path.Combine(dir.FullName, "ContrastiveOrleans.sln"))) return dir.FullName;
            }
            throw new InvalidOperationException("ContrastiveOrleans.sln not found above the test binaries");
        }
    }

    public static async Task<JsonElement> CheckAsync(string html, string screenshot, CancellationToken cancellationToken,
        string? sortColumn = null, string? filter = null)
    {
        var playwright = Environment.GetEnvironmentVariable("CONTRASTIVE_PLAYWRIGHT") is { Length: > 0 } p
            ? p : Path.Combine(RepoRoot, ".tools", "playwright", "node_modules", "playwright-core");
        var chromium = Environment.GetEnvironmentVariable("CONTRASTIVE_CHROMIUM") is { Length: > 0 } c ? c : "/usr/bin/chromium";
        Assert.True(Directory.Exists(playwright) && File.Exists(chromium),
            $"needs playwright-core ({playwright}) and chromium ({chromium}): run ./test.sh or `source build/test-prerequisites.sh && install_test_prerequisites`");
        var userData = Path.Combine(Path.GetTempPath(), $"contrastive-chromium-{Guid.NewGuid():N}");
        var start = new ProcessStartInfo("node")
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            ArgumentList = { Path.Combine(AppContext.BaseDirectory, "Report", "report-check.cjs"), html, screenshot, userData },
            Environment = { ["PLAYWRIGHT_CORE"] = playwright, ["CHROMIUM"] = chromium },
        };
        if (sortColumn is not null) start.Environment["SORT_COLUMN"] = sortColumn;
        if (filter is not null) start.Environment["FILTER"] = filter;
        try
        {
            using var process = Process.Start(start)!;
            var stdout = process.StandardOutput.ReadToEndAsync(cancellationToken);
            var stderr = process.StandardError.ReadToEndAsync(cancellationToken);
            using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
            timeout.CancelAfter(TimeSpan.FromSeconds(60));
            try
            {
                await process.WaitForExitAsync(timeout.Token);
            }
            catch (OperationCanceledException)
            {
                process.Kill(entireProcessTree: true);
                throw;
            }
            Assert.True(process.ExitCode == 0, $"report-check.cjs exited {process.ExitCode}: {await stderr}");
            return JsonDocument.Parse((await stdout).Trim().Split('\n')[^1]).RootElement.Clone();
        }
        finally
        {
            if (Directory.Exists(userData)) Directory.Delete(userData, recursive: true);
        }
    }
}
