namespace ContrastiveOrleans.Experiments.Abstractions;

/// <summary>The value type of an experiment parameter as it appears in a sweep file.</summary>
public enum ParameterKind
{
    Integer,
    Number,
    Text,
    Boolean,
}
