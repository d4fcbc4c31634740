using static TorchSharp.torch;

namespace ContrastiveOrleans.Experiments.Metrics;

/// <summary>k-means with k-means++ seeding and restarts (the lowest inertia wins), on float64 CPU tensors.</summary>
public static class KMeans
{
    public static long[] Cluster(Tensor points, int k, Generator generator, int restarts = 5, int maxIterations = 100)
    {
        ArgumentNullException.ThrowIfNull(points);
        using var scope = NewDisposeScope();
        var x = points.to_type(float64).cpu();
        long[]? best = null;
        var bestInertia = double.PositiveInfinity;
        for (var attempt = 0; attempt < restarts; attempt++)
        {
            using var attemptScope = NewDisposeScope();
            var centres = PlusPlus(x, k, generator);
            Tensor assignment = empty(0);
            for (var iteration = 0; iteration < maxIterations; iteration++)
            {
                var next = cdist(x, centres).argmin(1);
                var converged = iteration > 0 && next.eq(assignment).all().item<bool>();
                assignment = next;
                if (converged) break;
                var onehot = nn.functional.one_hot(assignment, k).to_type(float64);
                var counts = onehot.sum(dim: 0).unsqueeze(1);
                // An emptied cluster keeps its old centre rather than dividing by zero.
                centres = where(counts > 0, onehot.T.matmul(x) / counts.clamp_min(1), centres);
            }
            var inertia = (x - centres.index_select(0, assignment)).square().sum().item<double>();
            if (inertia < bestInertia)
            {
                bestInertia = inertia;
                best = assignment.data<long>().ToArray();
            }
        }
        return best!;
    }

    private static Tensor PlusPlus(Tensor x, int k, Generator generator)
    {
        var n = x.shape[0];
        var first = randint(n, [1], generator: generator);
        var centres = x.index_select(0, first);
        for (var c = 1; c < k; c++)
        {
            var d2 = cdist(x, centres).min(1).values.square();
            var total = d2.sum().item<double>();
            var pick = total > 0
                ? multinomial(d2 / total, 1, generator: generator)
                : randint(n, [1], generator: generator);
            centres = cat([centres, x.index_select(0, pick)], 0);
        }
        return centres;
    }
}
