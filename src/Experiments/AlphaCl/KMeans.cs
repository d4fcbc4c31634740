using static TorchSharp.torch;

namespace ContrastiveOrleans.Experiments.AlphaCl;

/// <summary>
/// k-means++ seeding plus Lloyd iterations, best of several restarts by inertia. The points are few and low
/// dimensional, so the loop runs on CPU arrays; the randomness (one uniform per seeding draw) comes from the seeded
/// torch generator.
/// </summary>
public static class KMeans
{
    private const int MaxIterations = 300;

    public static int[] Cluster(Tensor points, int k, int restarts, Generator generator)
    {
        ArgumentNullException.ThrowIfNull(points);
        ArgumentOutOfRangeException.ThrowIfLessThan(k, 1);
        ArgumentOutOfRangeException.ThrowIfLessThan(restarts, 1);
        var n = (int)points.shape[0];
        var m = (int)points.shape[1];
        ArgumentOutOfRangeException.ThrowIfLessThan(n, k);
        double[] x;
        double[] uniforms;
        using (var flat = points.to(float64).cpu().contiguous())
        using (var draws = rand(restarts * k, dtype: float64, generator: generator))
        {
            x = flat.data<double>().ToArray();
            uniforms = draws.data<double>().ToArray();
        }
        int[] best = [];
        var bestInertia = double.PositiveInfinity;
        for (var r = 0; r < restarts; r++)
        {
            var centres = Seed(x, n, m, k, uniforms.AsSpan(r * k, k));
            var (labels, inertia) = Lloyd(x, n, m, k, centres);
            if (inertia < bestInertia)
            {
                bestInertia = inertia;
                best = labels;
            }
        }
        return best;
    }

    /// <summary>k-means++: the first centre uniformly, each next one with probability ∝ squared distance to the nearest chosen.</summary>
    private static double[] Seed(double[] x, int n, int m, int k, ReadOnlySpan<double> u)
    {
        var centres = new double[k * m];
        var first = Math.Min((int)(u[0] * n), n - 1);
        Array.Copy(x, first * m, centres, 0, m);
        var nearest = new double[n];
        for (var i = 0; i < n; i++) nearest[i] = Distance(x, i, centres, 0, m);
        for (var c = 1; c < k; c++)
        {
            var total = nearest.Sum();
            var chosen = n - 1;
            if (total > 0)
            {
                var target = u[c] * total;
                var running = 0.0;
                for (var i = 0; i < n; i++)
                {
                    running += nearest[i];
                    if (running >= target) { chosen = i; break; }
                }
            }
            Array.Copy(x, chosen * m, centres, c * m, m);
            for (var i = 0; i < n; i++) nearest[i] = Math.Min(nearest[i], Distance(x, i, centres, c, m));
        }
        return centres;
    }

    private static (int[] Labels, double Inertia) Lloyd(double[] x, int n, int m, int k, double[] centres)
    {
        var labels = new int[n];
        Array.Fill(labels, -1);
        var inertia = 0.0;
        for (var iteration = 0; iteration < MaxIterations; iteration++)
        {
            var changed = false;
            inertia = 0.0;
            for (var i = 0; i < n; i++)
            {
                var (label, distance) = (0, double.PositiveInfinity);
                for (var c = 0; c < k; c++)
                {
                    var dc = Distance(x, i, centres, c, m);
                    if (dc < distance) (label, distance) = (c, dc);
                }
                inertia += distance;
                if (labels[i] != label) { labels[i] = label; changed = true; }
            }
            if (!changed) break;
            var sums = new double[k * m];
            var counts = new int[k];
            for (var i = 0; i < n; i++)
            {
                counts[labels[i]]++;
                for (var j = 0; j < m; j++) sums[labels[i] * m + j] += x[i * m + j];
            }
            // An emptied cluster keeps its old centre rather than becoming NaN.
            for (var c = 0; c < k; c++)
            {
                if (counts[c] == 0) continue;
                for (var j = 0; j < m; j++) centres[c * m + j] = sums[c * m + j] / counts[c];
            }
        }
        return (labels, inertia);
    }

    private static double Distance(double[] x, int i, double[] centres, int c, int m)
    {
        var s = 0.0;
        for (var j = 0; j < m; j++)
        {
            var diff = x[i * m + j] - centres[c * m + j];
            s += diff * diff;
        }
        return s;
    }
}
