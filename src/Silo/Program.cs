using ContrastiveOrleans.Silo;
using ContrastiveOrleans.Silo.Telemetry;
using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

// A silo for cluster mode; see SiloHostOptions for the "Contrastive" configuration section (appsettings.json,
// Contrastive__Key environment variables, or --Contrastive:Key=value arguments) and README "Cluster mode".
// A web application only for the optional Orleans dashboard (Contrastive:Telemetry:Dashboard); otherwise no HTTP port.
if (SiloUsage.IsRequested(args))
{
    Console.WriteLine(SiloUsage.Text);
    return 0;
}
var builder = WebApplication.CreateSlimBuilder(args);
var options = builder.Configuration.GetSection(SiloHostOptions.Section).Get<SiloHostOptions>() ?? new SiloHostOptions();
var validation = new SiloHostOptionsValidator().Validate(null, options);
if (validation.Failed)
{
    foreach (var failure in validation.Failures) await Console.Error.WriteLineAsync($"error: {failure}");
    return 2;
}
var (telemetry, telemetryErrors) = builder.Configuration.ReadTelemetry();
if (telemetryErrors.Count > 0)
{
    await Console.Error.WriteLineAsync(telemetryErrors[0]);
    return 2;
}
// Ports in use are refused here, naming the key: a second silo on the same ports would otherwise start and share
// the first one's clients at random, and a taken Prometheus or dashboard port would end in a stack trace.
var portErrors = SiloPorts.Problems(options, telemetry);
if (portErrors.Count > 0)
{
    foreach (var error in portErrors) await Console.Error.WriteLineAsync($"error: {error}");
    return 2;
}
if (telemetry.Describe() is { } destinations) Console.WriteLine(destinations);
builder.UseDashboardServer(telemetry);
// Orleans places activations through a Polly pipeline whose telemetry logs two Information lines per execution: one
// pair per point dispatched, which cost a console write each (measured: most of a silo's CPU at 60 points/s).
builder.Logging.AddFilter("Polly", LogLevel.Warning);
builder.Services.AddSingleton<IValidateOptions<SiloHostOptions>, SiloHostOptionsValidator>();
builder.Services.AddOptions<SiloHostOptions>().Bind(builder.Configuration.GetSection(SiloHostOptions.Section)).ValidateOnStart();
// Kubernetes sends SIGTERM and waits terminationGracePeriodSeconds (30 s by default): leave the cluster cleanly well
// within it. $DOTNET_SHUTDOWNTIMEOUTSECONDS, when set, is the host's own setting and wins.
if (builder.Configuration["shutdownTimeoutSeconds"] is null)
{
    builder.Services.Configure<HostOptions>(o => o.ShutdownTimeout = TimeSpan.FromSeconds(25));
}
builder.UseOrleans(silo =>
{
    SiloSetup.Configure(silo, options, builder.Configuration);
    silo.AddSiloTelemetry(telemetry);
});
var app = builder.Build();
app.MapSiloDashboard(telemetry);
await app.RunAsync();
return 0;
