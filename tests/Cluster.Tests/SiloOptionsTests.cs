using ContrastiveOrleans.Silo;

namespace ContrastiveOrleans.Cluster.Tests;

public sealed class SiloOptionsTests
{
    private static List<string> Errors(Action<SiloHostOptions> change)
    {
        var options = new SiloHostOptions();
        change(options);
        var result = new SiloHostOptionsValidator().Validate(null, options);
        return result.Failed ? result.Failures!.ToList() : [];
    }

    private static void AzureMode(SiloHostOptions o)
    {
        o.Clustering = "AzureTable";
        o.GrainStorage = "AzureBlob";
        o.ResultStore = "AzureBlob";
        o.AzureStorage = "UseDevelopmentStorage=true";
    }

    [Fact]
    public void Defaults_are_a_valid_single_machine_silo_bound_to_loopback()
    {
        Assert.Empty(Errors(_ => { }));
        Assert.Equal("127.0.0.1", new SiloHostOptions().Address);
        Assert.Empty(Errors(AzureMode));
    }

    [Theory]
    [InlineData("Clustering", "Contrastive:Clustering: 'Consul' is not one of Localhost, AzureTable")]
    [InlineData("GrainStorage", "Contrastive:GrainStorage: 'Redis' is not one of Memory, AzureBlob")]
    [InlineData("ResultStore", "Contrastive:ResultStore: 'S3' is not one of FileSystem, AzureBlob")]
    public void Unknown_providers_are_named_with_the_allowed_values(string key, string expected)
    {
        var errors = Errors(o =>
        {
            if (key == "Clustering") o.Clustering = "Consul";
            if (key == "GrainStorage") o.GrainStorage = "Redis";
            if (key == "ResultStore") o.ResultStore = "S3";
        });
        Assert.Contains(expected, errors);
    }

    [Fact]
    public void Azure_mode_needs_a_connection_string_and_never_echoes_a_bad_one()
    {
        Assert.Contains(Errors(o => { AzureMode(o); o.AzureStorage = null; }), e => e.StartsWith("Contrastive:AzureStorage: required", StringComparison.Ordinal));
        var errors = Errors(o => { AzureMode(o); o.AzureStorage = "AccountName=x;AccountKey=TOPSECRET;Nonsense"; });
        Assert.Contains(errors, e => e.StartsWith("Contrastive:AzureStorage: not a valid", StringComparison.Ordinal));
        Assert.All(errors, e => Assert.DoesNotContain("TOPSECRET", e, StringComparison.Ordinal));
    }

    [Fact]
    public void Multi_silo_clustering_with_memory_state_is_refused()
    {
        Assert.Contains(Errors(o => { AzureMode(o); o.GrainStorage = "Memory"; }), e => e.StartsWith("Contrastive:GrainStorage: Memory loses sweeps", StringComparison.Ordinal));
    }

    [Theory]
    [InlineData("localhost")]
    [InlineData("0.0.0.0")]
    [InlineData("")]
    public void The_address_must_be_an_advertisable_ip(string address)
    {
        Assert.Contains(Errors(o => o.Address = address), e => e.StartsWith("Contrastive:Address:", StringComparison.Ordinal));
    }

    [Theory]
    [InlineData("Results")]
    [InlineData("ab")]
    [InlineData("a--b")]
    [InlineData("../x")]
    public void Container_names_follow_azure_rules(string name)
    {
        Assert.Contains(Errors(o => o.ResultContainer = name), e => e.StartsWith("Contrastive:ResultContainer:", StringComparison.Ordinal));
    }
}
