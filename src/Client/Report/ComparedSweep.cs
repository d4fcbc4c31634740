using ContrastiveOrleans.Grains.Contracts;
using ContrastiveOrleans.Sweeps;

namespace ContrastiveOrleans.Client.Report;

/// <summary>One sweep of a comparison: its label (unique among them), directory, spec and re-folded curve rows.</summary>
public sealed record ComparedSweep(string Label, string Directory, SweepSpec Spec, IReadOnlyList<CurveRow> Rows, ResultSummary Summary);
