using YamlDotNet.RepresentationModel;

namespace ContrastiveOrleans.Cluster.Tests;

/// <summary>No container engine runs here: the manifests and the Dockerfile are checked as documents.</summary>
public sealed class DeployManifestTests
{
    private static string Deploy(string relative) => Path.Combine(Repo.Root, "deploy", relative);

    private static YamlMappingNode Load(string relative)
    {
        var stream = new YamlStream();
        using var reader = new StreamReader(Deploy(relative));
        stream.Load(reader);
        return (YamlMappingNode)Assert.Single(stream.Documents).RootNode;
    }

    private static YamlNode At(YamlNode node, params string[] path)
    {
        foreach (var key in path)
        {
            var map = Assert.IsType<YamlMappingNode>(node);
            Assert.True(map.Children.TryGetValue(new YamlScalarNode(key), out var next), $"missing '{key}' in {string.Join(".", path)}");
            node = next!;
        }
        return node;
    }

    private static string Text(YamlNode node, params string[] path) => Assert.IsType<YamlScalarNode>(At(node, path)).Value!;

    [Fact]
    public void The_silo_deployment_carries_orleans_labels_ports_the_secret_and_graceful_shutdown()
    {
        var silo = Load("k8s/silo.yaml");
        Assert.Equal("apps/v1", Text(silo, "apiVersion"));
        Assert.True(Text(silo, "kind") is "Deployment" or "StatefulSet", "a Deployment or StatefulSet");
        var template = At(silo, "spec", "template");
        var selector = (YamlMappingNode)At(silo, "spec", "selector", "matchLabels");
        var labels = (YamlMappingNode)At(template, "metadata", "labels");
        foreach (var (key, value) in selector.Children) Assert.Equal(value, labels.Children[key]);
        Assert.Equal("contrastive", Text(labels, "orleans/serviceId"));
        Assert.Equal("contrastive", Text(labels, "orleans/clusterId"));

        var grace = int.Parse(Text(template, "spec", "terminationGracePeriodSeconds"), System.Globalization.CultureInfo.InvariantCulture);
        // The silo host's shutdown timeout (25 s) plus the preStop sleep must fit in the grace period.
        Assert.InRange(grace, 31, 600);
        var container = (YamlMappingNode)((YamlSequenceNode)At(template, "spec", "containers")).Children[0];
        Assert.NotEmpty(((YamlSequenceNode)At(container, "lifecycle", "preStop", "exec", "command")).Children);
        var ports = ((YamlSequenceNode)At(container, "ports")).Children.Select(p => Text(p, "containerPort")).ToList();
        Assert.Equal(["11111", "30000"], ports.Order());

        var env = ((YamlSequenceNode)At(container, "env")).Children.Cast<YamlMappingNode>()
            .ToDictionary(e => Text(e, "name"), e => e);
        Assert.Equal("contrastive-storage", Text(env["Contrastive__AzureStorage"], "valueFrom", "secretKeyRef", "name"));
        Assert.False(env["Contrastive__AzureStorage"].Children.ContainsKey(new YamlScalarNode("value")), "the connection string must come from the secret");
        Assert.Equal("status.podIP", Text(env["Contrastive__Address"], "valueFrom", "fieldRef", "fieldPath"));
        Assert.Equal("AzureTable", Text(env["Contrastive__Clustering"], "value"));
        Assert.Equal("AzureBlob", Text(env["Contrastive__GrainStorage"], "value"));
        Assert.Equal("11111", Text(env["Contrastive__SiloPort"], "value"));
        Assert.Equal("30000", Text(env["Contrastive__GatewayPort"], "value"));
    }

    [Fact]
    public void No_deploy_file_holds_an_account_key()
    {
        foreach (var file in Directory.EnumerateFiles(Deploy(""), "*", SearchOption.AllDirectories))
        {
            var text = File.ReadAllText(file);
            Assert.DoesNotContain("AccountKey=", text, StringComparison.OrdinalIgnoreCase);
            Assert.DoesNotContain("SharedAccessSignature=", text, StringComparison.OrdinalIgnoreCase);
        }
        Assert.Equal("Secret", Text(Load("k8s/secret.example.yaml"), "kind"));
    }

    [Fact]
    public void The_dockerfile_is_multi_stage_publishes_the_silo_and_runs_unprivileged()
    {
        var lines = File.ReadAllLines(Deploy("Dockerfile")).Select(l => l.Trim()).Where(l => l.Length > 0 && !l.StartsWith('#')).ToList();
        var stages = lines.Where(l => l.StartsWith("FROM ", StringComparison.Ordinal)).ToList();
        Assert.True(stages.Count >= 2, "expected a build stage and a runtime stage");
        Assert.Contains(lines, l => l.StartsWith("COPY --from=build", StringComparison.Ordinal));
        Assert.Contains(lines, l => l.Contains("dotnet publish src/Silo/Silo.csproj", StringComparison.Ordinal));
        Assert.Contains(lines, l => l.StartsWith("USER ", StringComparison.Ordinal) && !l.EndsWith("root", StringComparison.Ordinal));
        Assert.Contains(lines, l => l.StartsWith("EXPOSE", StringComparison.Ordinal) && l.Contains("11111", StringComparison.Ordinal) && l.Contains("30000", StringComparison.Ordinal));
        Assert.Contains("ContrastiveOrleans.Silo.dll", lines.Last(l => l.StartsWith("ENTRYPOINT", StringComparison.Ordinal)), StringComparison.Ordinal);
    }
}
