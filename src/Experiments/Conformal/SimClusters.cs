using static TorchSharp.torch;

namespace ContrastiveOrleans.Experiments.Conformal;

/// <summary>
/// The reference code's simulation ("mixed" clusters in 3D, <c>simulation_utils.generate_clusters</c>): centre i at
/// angle a = 2πi/K is (s cos a, s sin a, 0.3 s sin 2a). The first ⌊K/2⌋ clusters are anisotropic Gaussians
/// (A = 0.5·N(0,1)^{3×3}, row i mod 3 stretched by 1 + U(0,2), points c + std·εAᵀ); the rest are crescents (angle
/// θ ~ U(0,π), radius 1 + 0.3·std·ε, local (r cos θ, r sin θ, 0.5·std·ε) turned by a random orthogonal matrix, plus
/// 0.2·std·ε). Points are shuffled. Every draw uses the given generator.
/// </summary>
public static class SimClusters
{
    public const int Dimension = 3;

    public static LabelledPoints Generate(int clusters, int perCluster, double separation, double std, Generator generator)
    {
        using var scope = NewDisposeScope();
        var points = new List<Tensor>(clusters);
        for (var i = 0; i < clusters; i++)
        {
            var angle = 2 * Math.PI * i / clusters;
            var centre = tensor(new[]
            {
                (float)(separation * Math.Cos(angle)),
                (float)(separation * Math.Sin(angle)),
                (float)(0.3 * separation * Math.Sin(2 * angle)),
            });
            points.Add(i < clusters / 2
                ? centre + Anisotropic(i, perCluster, std, generator)
                : centre + Crescent(perCluster, std, generator));
        }
        var all = cat(points, 0);
        var labels = arange(clusters, dtype: ScalarType.Int64).repeat_interleave(perCluster);
        var order = randperm(all.shape[0], generator: generator);
        return new LabelledPoints(all[order].MoveToOuterDisposeScope(), labels[order].MoveToOuterDisposeScope());
    }

    private static Tensor Anisotropic(int index, int count, double std, Generator generator)
    {
        var a = randn([Dimension, Dimension], generator: generator) * 0.5;
        var stretch = 1 + rand([1], generator: generator).item<float>() * 2;
        var row = index % Dimension;
        a[row] = a[row] * stretch;
        return randn([count, Dimension], generator: generator).matmul(a.T) * std;
    }

    private static Tensor Crescent(int count, double std, Generator generator)
    {
        var theta = rand([count], generator: generator) * Math.PI;
        var radius = randn([count], generator: generator) * (0.3 * std) + 1;
        var height = randn([count], generator: generator) * (0.5 * std);
        var local = stack([radius * theta.cos(), radius * theta.sin(), height], 1);
        var (rotation, _) = linalg.qr(randn([Dimension, Dimension], dtype: ScalarType.Float64, generator: generator));
        var turned = local.matmul(rotation.T.to(ScalarType.Float32));
        return turned + randn([count, Dimension], generator: generator) * (0.2 * std);
    }
}
