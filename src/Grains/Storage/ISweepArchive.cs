namespace ContrastiveOrleans.Grains.Storage;

/// <summary>Files of a finished sweep kept beside the point results (the resolved sweep file and its curves).</summary>
public interface ISweepArchive
{
    /// <param name="sweepId">A run id; it comes from a sweep file's name, so stores must not use it as a path as is.</param>
    /// <param name="fileName">One of <see cref="SweepArchiveFiles"/>.</param>
    Task PutSweepFile(string sweepId, string fileName, string content, CancellationToken cancellationToken);
}
