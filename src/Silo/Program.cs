using ContrastiveOrleans.Silo;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;

// A silo for cluster mode; see SiloHostOptions for the "Contrastive" configuration section (appsettings.json,
// Contrastive__Key environment variables, or --Contrastive:Key=value arguments) and README "Cluster mode".
var builder = Host.CreateApplicationBuilder(args);
var options = builder.Configuration.GetSection(SiloHostOptions.Section).Get<SiloHostOptions>() ?? new SiloHostOptions();
var validation = new SiloHostOptionsValidator().Validate(null, options);
if (validation.Failed)
{
    foreach (var failure in validation.Failures) await Console.Error.WriteLineAsync($"error: {failure}");
    return 2;
}
builder.Services.AddSingleton<IValidateOptions<SiloHostOptions>, SiloHostOptionsValidator>();
builder.Services.AddOptions<SiloHostOptions>().Bind(builder.Configuration.GetSection(SiloHostOptions.Section)).ValidateOnStart();
// Kubernetes sends SIGTERM and waits terminationGracePeriodSeconds: leave the cluster cleanly well within it.
builder.Services.Configure<HostOptions>(o => o.ShutdownTimeout = TimeSpan.FromSeconds(25));
builder.UseOrleans(silo => SiloSetup.Configure(silo, options, builder.Configuration));
await builder.Build().RunAsync();
return 0;
