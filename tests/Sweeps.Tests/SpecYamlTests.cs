namespace ContrastiveOrleans.Sweeps.Tests;

public sealed class SpecYamlTests
{
    [Theory]
    [InlineData("!!int 5", 5L)]
    [InlineData("!!float 5", 5.0)]
    [InlineData("!!float .inf", double.PositiveInfinity)]
    [InlineData("!!str 5", "5")]
    [InlineData("!!bool true", true)]
    [InlineData("'5'", "5")]
    [InlineData("5", 5L)]
    [InlineData("5.0", 5.0)]
    public void Core_tags_type_a_scalar(string text, object expected)
    {
        var root = Assert.IsType<SpecMapping>(SpecYamlReader.Read($"v: {text}\n"));
        Assert.Equal(expected, Assert.IsType<SpecScalar>(root.Entries[0].Value).Value);
    }

    [Theory]
    [InlineData("v: !!int 5.5\n", "yaml: '5.5' is not a valid !!int (line 1, column 4)")]
    [InlineData("v: !!binary aGk=\n", "yaml: unsupported tag !!binary")]
    [InlineData("v: !!set {a: 1}\n", "yaml: unsupported tag !!set")]
    public void Other_tags_and_values_that_do_not_fit_their_tag_are_refused(string yaml, string expected) =>
        Assert.StartsWith(expected, Assert.Throws<SweepSpecException>(() => SpecYamlReader.Read(yaml)).Error.ToString(), StringComparison.Ordinal);

    [Fact]
    public void Nesting_is_bounded_at_64_levels()
    {
        Assert.NotNull(SpecYamlReader.Read(new string('[', 64) + new string(']', 64)));
        var error = Assert.Throws<SweepSpecException>(() => SpecYamlReader.Read(new string('[', 65) + new string(']', 65))).Error;
        Assert.Equal("yaml", error.Path);
        Assert.StartsWith("nested deeper than 64 levels", error.Message, StringComparison.Ordinal);
    }
}
