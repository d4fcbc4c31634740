using System.Globalization;
using System.Text;
using static TorchSharp.torch;

namespace ContrastiveOrleans.Experiments.IO;

/// <summary>Writes a 2-D tensor as CSV with header x0..x{d-1} (and a label column when labels are given).</summary>
public static class CsvMatrix
{
    public static void Write(string path, Tensor rows, Tensor? labels = null)
    {
        ArgumentNullException.ThrowIfNull(rows);
        var values = rows.to_type(float64).cpu().contiguous().data<double>().ToArray();
        var (n, d) = ((int)rows.shape[0], (int)rows.shape[1]);
        var tags = labels?.to_type(int64).cpu().data<long>().ToArray();
        var text = new StringBuilder();
        text.AppendJoin(',', Enumerable.Range(0, d).Select(j => $"x{j}"));
        if (tags is not null) text.Append(",label");
        text.Append('\n');
        for (var i = 0; i < n; i++)
        {
            for (var j = 0; j < d; j++)
            {
                if (j > 0) text.Append(',');
                text.Append(values[i * d + j].ToString("R", CultureInfo.InvariantCulture));
            }
            if (tags is not null) text.Append(',').Append(tags[i].ToString(CultureInfo.InvariantCulture));
            text.Append('\n');
        }
        File.WriteAllText(path, text.ToString());
    }
}
