namespace ContrastiveOrleans.Experiments.Abstractions;

/// <summary>An experiment that can write a point's data and learned maps as files for analysis in external tools.</summary>
public interface IDataExporter
{
    /// <summary>Runs the point and writes its files into an existing directory; returns the file names written.</summary>
    IReadOnlyList<string> ExportData(ExperimentContext context, string directory, CancellationToken cancellationToken);

    /// <summary>Why this point cannot be exported (one line naming the field and the allowed values), or null when it
    /// can: checked before any work starts.</summary>
    string? CannotExport(ParameterSet parameters) => null;
}
