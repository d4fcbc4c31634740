namespace ContrastiveOrleans.Sweeps.Tests;

public sealed class SweepSpecValidationTests
{
    private const string Gmm = "name: s\nexperiment: gmm-contrastive\n";

    [Theory]
    [InlineData(Gmm + "grid:\n  noise: [0.0, 0.2, 1.5]\n", "grid.noise[2]", "1.5 is outside [0, 1]")]
    [InlineData("name: s\nexperiment: nope\n", "experiment", "'nope' is not one of ")]
    [InlineData(Gmm + "params: {dd: 3}\n", "params.dd", "unknown parameter of gmm-contrastive; known: batch, condition")]
    [InlineData(Gmm + "grid:\n  bogus: [1]\n", "grid.bogus", "unknown parameter")]
    [InlineData(Gmm + "params: {d: 2.5}\n", "params.d", "2.5 is not an integer")]
    [InlineData(Gmm + "params: {method: 3}\n", "params.method", "3 is not a string")]
    [InlineData(Gmm + "params: {normalize: 'yes'}\n", "params.normalize", "'yes' is not true or false")]
    [InlineData(Gmm + "params: {method: lsa}\n", "params.method", "'lsa' is not one of infonce, lda, pca, fisher, random")]
    [InlineData(Gmm + "grid:\n  noise: []\n", "grid.noise", "empty axis")]
    [InlineData(Gmm + "grid:\n  noise: 0.2\n", "grid.noise", "expected a list")]
    [InlineData(Gmm + "grid:\n  noise: [0.1, 0.1]\n", "grid.noise[1]", "duplicate value 0.1")]
    [InlineData(Gmm + "params: {noise: 0.1}\ngrid:\n  noise: [0.2]\n", "grid.noise", "also set in params")]
    [InlineData(Gmm + "seeds: 0\n", "seeds", "0 must be at least 1")]
    [InlineData(Gmm + "seeds: -3\n", "seeds", "-3 must be at least 1")]
    [InlineData(Gmm + "seeds: []\n", "seeds", "empty list")]
    [InlineData(Gmm + "seeds: [1, 2, 1]\n", "seeds[2]", "duplicate seed 1")]
    [InlineData(Gmm + "seeds: [1, x]\n", "seeds[1]", "'x' is not an integer")]
    [InlineData(Gmm + "grid: {noise: [0.1]}\ncurves:\n  - {name: c, x: noise, metric: accuracy}\n", "curves[0].metric", "'accuracy' is not a metric of gmm-contrastive")]
    [InlineData(Gmm + "grid: {noise: [0.1]}\ncurves:\n  - {name: c, x: lr, metric: final_loss}\n", "curves[0].x", "'lr' is not a key of grid, random.space or params; one of noise")]
    [InlineData(Gmm + "grid: {noise: [0.1]}\ncurves:\n  - {name: c, x: noise, series: method, metric: final_loss}\n", "curves[0].series", "'method' is not a key")]
    [InlineData(Gmm + "grid: {noise: [0.1]}\ncurves:\n  - {name: c, x: noise, metric: final_loss}\n  - {name: c, x: noise, metric: train_ms}\n", "curves[1].name", "duplicate curve name 'c'")]
    [InlineData(Gmm + "grid: {noise: [0.1]}\ncurves:\n  - {name: c, metric: final_loss}\n", "curves[0].x", "missing")]
    [InlineData(Gmm + "params: {d: 20}\nparams: {d: 30}\n", "params", "duplicate key")]
    [InlineData(Gmm + "grid:\n  noise: [0.1]\n  noise: [0.2]\n", "grid.noise", "duplicate key")]
    [InlineData(Gmm + "colour: red\n", "colour", "unknown field; allowed: name, description, experiment")]
    [InlineData(Gmm + "grid: {noise: [0.0, 0.5]}\nseeds: 3\nmax_points: 5\n", "max_points", "the sweep expands to 6 points, more than max_points = 5")]
    [InlineData(Gmm + "resources: {device: tpu}\n", "resources.device", "'tpu' is not one of cpu, cuda, auto")]
    [InlineData(Gmm + "resources: {threads: 0}\n", "resources.threads", "0 must be at least 1")]
    [InlineData(Gmm + "resources: {pack: -1}\n", "resources.pack", "-1 is outside [0, 256]")]
    [InlineData(Gmm + "resources: {pack: 300}\n", "resources.pack", "300 is outside [0, 256]")]
    [InlineData(Gmm + "random:\n  draws: 2\n  space: {lr: {uniform: [0.1, 0.01]}}\n", "random.space.lr.uniform", "low 0.1 exceeds high 0.01")]
    [InlineData(Gmm + "random:\n  space: {temperature: {log_uniform: [0.0, 1.0]}}\n", "random.space.temperature.log_uniform[0]", "0 is outside (0, inf)")]
    [InlineData(Gmm + "random:\n  space: {batch: {uniform: [2, 8]}}\n", "random.space.batch.uniform", "batch is an integer")]
    [InlineData(Gmm + "random:\n  space: {batch: {choice: [128, 1.5]}}\n", "random.space.batch.choice[1]", "1.5 is not an integer")]
    [InlineData(Gmm + "random:\n  space: {lr: {normal: [0, 1]}}\n", "random.space.lr.normal", "unknown field; allowed: uniform, log_uniform, int_uniform, choice")]
    [InlineData(Gmm + "random:\n  draws: 0\n  space: {lr: {uniform: [0.01, 0.1]}}\n", "random.draws", "0 must be at least 1")]
    [InlineData(Gmm + "params: {d: 20, r: 30}\n", "params", "r: 30 exceeds d = 20")]
    [InlineData(Gmm + "grid: {r: [2, 30]}\n", "grid (r=30)", "r: 30 exceeds d = 20")]
    [InlineData("experiment: bench-noop\n", "name", "missing")]
    [InlineData("name: a/b\nexperiment: bench-noop\n", "name", "'a/b' is not a valid name")]
    [InlineData("", "spec", "the file is empty")]
    [InlineData("- 1\n- 2\n", "spec", "expected a mapping")]
    public void Bad_input_names_the_field_path(string yaml, string path, string messageStart)
    {
        var error = SpecText.Error(yaml);
        Assert.Equal(path, error.Path);
        Assert.StartsWith(messageStart, error.Message, StringComparison.Ordinal);
        Assert.DoesNotContain('\n', error.ToString());
    }

    [Fact]
    public void Yaml_syntax_errors_carry_line_and_column()
    {
        var error = SpecText.Error("name: s\nexperiment: bench-noop\ngrid:\n  x: [1, 2\n");
        Assert.Equal("yaml", error.Path);
        Assert.StartsWith("syntax error", error.Message, StringComparison.Ordinal);
        Assert.True(error.Line >= 4, $"line {error.Line}");
        Assert.True(error.Column > 0);
        Assert.Contains($"(line {error.Line}, column {error.Column})", error.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public void Semantic_errors_point_at_the_offending_value()
    {
        var error = SpecText.Error(Gmm + "grid:\n  noise: [0.0, 0.2, 1.5]\n");
        Assert.Equal((4, 21), (error.Line, error.Column));
    }
}
