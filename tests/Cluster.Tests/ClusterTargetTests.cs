using ContrastiveOrleans.Client;
using ContrastiveOrleans.Client.Cluster;

namespace ContrastiveOrleans.Cluster.Tests;

public sealed class ClusterTargetTests
{
    private const string Connection = "DefaultEndpointsProtocol=https;AccountName=acct;AccountKey=c2VjcmV0;EndpointSuffix=core.windows.net";

    private static Func<string, string?> Env(params (string Key, string Value)[] vars) =>
        key => vars.FirstOrDefault(v => v.Key == key).Value;

    [Fact]
    public void A_name_resolves_from_its_environment_variable_and_is_what_gets_displayed()
    {
        var target = ClusterTarget.Resolve("prod-eu.1", Env(("CONTRASTIVE_CLUSTER_PROD_EU_1", Connection)));
        Assert.Equal((Connection, "prod-eu.1", "contrastive", "contrastive"), (target.ConnectionString, target.ToString(), target.ClusterId, target.ServiceId));
    }

    [Fact]
    public void A_connection_string_given_directly_is_never_displayed()
    {
        var target = ClusterTarget.Resolve(Connection, Env(("CONTRASTIVE_CLUSTER_ID", "c2"), ("CONTRASTIVE_SERVICE_ID", "s2")));
        Assert.Equal(Connection, target.ConnectionString);
        Assert.DoesNotContain("c2VjcmV0", target.ToString(), StringComparison.Ordinal);
        Assert.Equal(("c2", "s2"), (target.ClusterId, target.ServiceId));
    }

    [Fact]
    public void Without_the_flag_the_default_variable_is_used_and_localhost_takes_a_port()
    {
        Assert.Equal(30000, ClusterTarget.Resolve(null, Env(("CONTRASTIVE_CLUSTER", "localhost"))).LocalhostGateway);
        Assert.Equal(30005, ClusterTarget.Resolve("localhost:30005", Env()).LocalhostGateway);
    }

    [Theory]
    [InlineData(null, "--cluster: missing")]
    [InlineData("staging", "$CONTRASTIVE_CLUSTER_STAGING is not set")]
    [InlineData("localhost:99999", "'99999' is not a port")]
    [InlineData("a/b", "a cluster name has only letters")]
    public void Bad_values_get_one_line_naming_the_fix(string? value, string expected)
    {
        var e = Assert.Throws<UsageException>(() => ClusterTarget.Resolve(value, Env()));
        Assert.Contains(expected, e.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("../etc/passwd")]
    [InlineData("infonce-vs-lda-0123456789abcdef")]
    [InlineData("0123456789ABCDEF0123")]
    public void Sweep_ids_other_than_lowercase_hex_are_rejected(string id)
    {
        Assert.Throws<UsageException>(() => SweepIds.Parse(id));
    }
}
