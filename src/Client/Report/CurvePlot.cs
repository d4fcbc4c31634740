namespace ContrastiveOrleans.Client.Report;

/// <summary>One curve rendered: the SVG text and the PNG bytes of the same plot.</summary>
public sealed record CurvePlot(string Svg, byte[] Png);
