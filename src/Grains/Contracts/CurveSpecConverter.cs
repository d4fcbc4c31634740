using ContrastiveOrleans.Sweeps;

namespace ContrastiveOrleans.Grains.Contracts;

/// <summary>Lets Orleans serialise <see cref="CurveSpec"/> through <see cref="CurveSpecSurrogate"/>.</summary>
[RegisterConverter]
public sealed class CurveSpecConverter : IConverter<CurveSpec, CurveSpecSurrogate>
{
    public CurveSpec ConvertFromSurrogate(in CurveSpecSurrogate surrogate) => new(surrogate.Name, surrogate.X, surrogate.Series, surrogate.Metric);

    public CurveSpecSurrogate ConvertToSurrogate(in CurveSpec value) => new(value.Name, value.X, value.Series, value.Metric);
}
