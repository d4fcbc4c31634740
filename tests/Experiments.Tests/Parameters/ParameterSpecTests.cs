using ContrastiveOrleans.Experiments.Abstractions;

namespace ContrastiveOrleans.Experiments.Tests.Parameters;

public sealed class ParameterSpecTests
{
    [Theory]
    [InlineData(0.0, "0 is outside (0, 1)")]
    [InlineData(1.0, "1 is outside (0, 1)")]
    [InlineData(0.5, null)]
    public void Open_interval_rejects_both_ends(double value, string? expected)
    {
        var spec = new ParameterSpec("alpha", ParameterKind.Number, 0.1, "", Min: 0, Max: 1, MinExclusive: true, MaxExclusive: true);
        Assert.Equal(expected, spec.Check(value));
    }

    [Theory]
    [InlineData(1L, null)]
    [InlineData(0L, "0 is outside [1, inf)")]
    [InlineData(2.5, "2.5 is not an integer")]
    [InlineData("x", "'x' is not an integer")]
    public void Integer_with_a_lower_bound(object value, string? expected)
    {
        var spec = new ParameterSpec("n", ParameterKind.Integer, 1L, "", Min: 1);
        Assert.Equal(expected, spec.Check(value));
    }

    [Fact]
    public void Text_outside_the_allowed_values_lists_them()
    {
        var spec = new ParameterSpec("loss", ParameterKind.Text, "a", "", Allowed: ["a", "b"]);
        Assert.Equal("'c' is not one of a, b", spec.Check("c"));
        Assert.Equal("1 is not a string; allowed: a, b", spec.Check(1L));
    }

    [Fact]
    public void Canonical_json_is_sorted_and_keeps_doubles_distinct_from_integers()
    {
        var set = new ParameterSet([new("b", 1.0), new("a", 1L), new("c", "x"), new("d", true)]);
        Assert.Equal("""{"a":1,"b":1.0,"c":"x","d":true}""", set.ToCanonicalJson());
        var back = ParameterSet.FromJson(set.ToCanonicalJson());
        Assert.IsType<long>(back["a"]);
        Assert.IsType<double>(back["b"]);
        Assert.Equal(set.ToCanonicalJson(), back.ToCanonicalJson());
    }
}
