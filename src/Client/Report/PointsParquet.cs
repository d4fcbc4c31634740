using Parquet;
using Parquet.Schema;

namespace ContrastiveOrleans.Client.Report;

/// <summary>points.parquet: the <see cref="PointsTable"/> in one row group. Parameter columns take their kind's type
/// (double, int64, boolean or string; text if points disagree); metrics are nullable doubles; provenance columns are
/// text, and the file's key-value metadata names the tool, commit, experiment version, TorchSharp and libtorch that
/// produced the rows (each the distinct values, comma-separated).</summary>
public static class PointsParquet
{
    public static async Task WriteAsync(Stream stream, PointsTable table, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(table);
        var rows = table.Results;
        var id = new DataField<string>("id");
        var seed = new DataField<int>("seed");
        var status = new DataField<string>("status");
        var error = new DataField<string>("error");
        var duration = new DataField<long>("duration_ms");
        var cached = new DataField<bool>("cached");
        var paramFields = table.ParamNames.Select(p => ParamField(table, p)).ToList();
        var metricFields = table.MetricNames.Select(m => new DataField<double?>("metrics." + m)).ToList();
        var provenanceFields = PointsTable.ProvenanceColumns.Select(c => new DataField<string>(c)).ToList();
        var schema = new ParquetSchema([id, seed, status, error, duration, cached, .. paramFields, .. metricFields, .. provenanceFields]);
        var provenance = rows.Select(PointsTable.Provenance).ToList();

        var writer = await ParquetWriter.CreateAsync(schema, stream, cancellationToken: cancellationToken).ConfigureAwait(false);
        await using (writer.ConfigureAwait(false))
        {
            writer.CustomMetadata = Metadata(provenance);
            using var group = writer.CreateRowGroup();
            await group.WriteAsync(id, [.. rows.Select(r => r.Id)], null).ConfigureAwait(false);
            await group.WriteAsync<int>(seed, rows.Select(r => r.Seed).ToArray(), null, null, cancellationToken).ConfigureAwait(false);
            await group.WriteAsync(status, [.. rows.Select(PointsTable.Status)], null).ConfigureAwait(false);
            await group.WriteAsync(error, [.. rows.Select(r => r.Error!)], null).ConfigureAwait(false);
            await group.WriteAsync<long>(duration, rows.Select(r => r.DurationMs).ToArray(), null, null, cancellationToken).ConfigureAwait(false);
            await group.WriteAsync<bool>(cached, rows.Select(r => r.Cached).ToArray(), null, null, cancellationToken).ConfigureAwait(false);
            for (var p = 0; p < paramFields.Count; p++)
            {
                await WriteParam(group, paramFields[p], table, table.ParamNames[p], cancellationToken).ConfigureAwait(false);
            }
            for (var m = 0; m < metricFields.Count; m++)
            {
                var name = table.MetricNames[m];
                double?[] values = [.. rows.Select(r => r.Metrics.TryGetValue(name, out var v) ? v : (double?)null)];
                await group.WriteAsync<double>(metricFields[m], values, null, null, cancellationToken).ConfigureAwait(false);
            }
            for (var c = 0; c < provenanceFields.Count; c++)
            {
                await group.WriteAsync(provenanceFields[c], [.. provenance.Select(v => v[c]!)], null).ConfigureAwait(false);
            }
        }
    }

    /// <summary>The key-value metadata: each build-wide provenance column's distinct values.</summary>
    private static Dictionary<string, string> Metadata(List<string?[]> provenance)
    {
        var metadata = new Dictionary<string, string>(StringComparer.Ordinal) { ["contrastive.generated_by"] = $"contrastive {Experiments.Abstractions.BuildInfo.Version}" };
        foreach (var name in new[] { "provenance.tool", "provenance.commit", "provenance.experiment_version", "provenance.torchsharp", "provenance.libtorch" })
        {
            var c = Array.IndexOf(PointsTable.ProvenanceColumns, name);
            var values = provenance.Select(v => v[c]).OfType<string>().Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal).ToList();
            if (values.Count > 0) metadata["contrastive." + name["provenance.".Length..]] = string.Join(", ", values);
        }
        return metadata;
    }

    private static DataField ParamField(PointsTable table, string name)
    {
        var column = "params." + name;
        return ParamType(table, name) switch
        {
            Type t when t == typeof(double) => new DataField<double?>(column),
            Type t when t == typeof(long) => new DataField<long?>(column),
            Type t when t == typeof(bool) => new DataField<bool?>(column),
            _ => new DataField<string>(column),
        };
    }

    /// <summary>The one CLR type every present value of the parameter has, or string when they differ.</summary>
    private static Type ParamType(PointsTable table, string name)
    {
        var types = table.Parameters.Select(p => p.TryGetValue(name, out var v) ? v.GetType() : null).OfType<Type>().Distinct().ToList();
        return types.Count == 1 ? types[0] : typeof(string);
    }

    private static Task WriteParam(ParquetRowGroupWriter group, DataField field, PointsTable table, string name, CancellationToken cancellationToken)
    {
        object? At(int i) => table.Parameters[i].TryGetValue(name, out var v) ? v : null;
        var n = table.Results.Count;
        var type = ParamType(table, name);
        if (type == typeof(double)) return group.WriteAsync<double>(field, Enumerable.Range(0, n).Select(i => (double?)At(i)).ToArray(), null, null, cancellationToken);
        if (type == typeof(long)) return group.WriteAsync<long>(field, Enumerable.Range(0, n).Select(i => (long?)At(i)).ToArray(), null, null, cancellationToken);
        if (type == typeof(bool)) return group.WriteAsync<bool>(field, Enumerable.Range(0, n).Select(i => (bool?)At(i)).ToArray(), null, null, cancellationToken);
        return group.WriteAsync(field, Enumerable.Range(0, n).Select(i => At(i) is { } v ? PointsCsv.Value(v) : null!).ToArray(), null);
    }
}
