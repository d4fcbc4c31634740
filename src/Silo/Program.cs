using ContrastiveOrleans.Grains.Hosting;
using ContrastiveOrleans.Silo;
using ContrastiveOrleans.Silo.Telemetry;
using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;

// A silo for cluster mode. Localhost clustering for now; configure via the "Contrastive" section
// (appsettings.json, Contrastive__Workers=4 environment variables, or --Contrastive:Workers=4 arguments).
// A web application only for the optional Orleans dashboard (Contrastive:Telemetry:Dashboard); otherwise no HTTP port.
var builder = WebApplication.CreateSlimBuilder(args);
var options = builder.Configuration.GetSection(SiloHostOptions.Section).Get<SiloHostOptions>() ?? new SiloHostOptions();
var validation = new SiloHostOptionsValidator().Validate(null, options);
if (validation.Failed)
{
    await Console.Error.WriteLineAsync(validation.FailureMessage);
    return 2;
}
var (telemetry, telemetryErrors) = builder.Configuration.ReadTelemetry();
if (telemetryErrors.Count > 0)
{
    await Console.Error.WriteLineAsync(telemetryErrors[0]);
    return 2;
}
if (telemetry.Describe() is { } destinations) Console.WriteLine(destinations);
builder.UseDashboardServer(telemetry);
builder.Services.AddSingleton<IValidateOptions<SiloHostOptions>, SiloHostOptionsValidator>();
builder.Services.AddOptions<SiloHostOptions>().Bind(builder.Configuration.GetSection(SiloHostOptions.Section)).ValidateOnStart();
builder.UseOrleans(silo =>
{
    silo.UseLocalhostClustering(options.SiloPort, options.GatewayPort, serviceId: options.ServiceId, clusterId: options.ClusterId);
    silo.Services.AddContrastiveSweeps(o =>
    {
        o.StoreDirectory = options.StoreDirectory;
        o.Workers = options.Workers;
        o.ThreadsPerPoint = options.ThreadsPerPoint;
    });
    silo.AddSiloTelemetry(telemetry);
});
var app = builder.Build();
app.MapSiloDashboard(telemetry);
await app.RunAsync();
return 0;
