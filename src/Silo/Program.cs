using ContrastiveOrleans.Grains.Hosting;
using ContrastiveOrleans.Silo;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;

// A silo for cluster mode. Localhost clustering for now; configure via the "Contrastive" section
// (appsettings.json, Contrastive__Workers=4 environment variables, or --Contrastive:Workers=4 arguments).
var builder = Host.CreateApplicationBuilder(args);
var options = builder.Configuration.GetSection(SiloHostOptions.Section).Get<SiloHostOptions>() ?? new SiloHostOptions();
var validation = new SiloHostOptionsValidator().Validate(null, options);
if (validation.Failed)
{
    await Console.Error.WriteLineAsync(validation.FailureMessage);
    return 2;
}
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
});
await builder.Build().RunAsync();
return 0;
