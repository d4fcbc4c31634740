using ContrastiveOrleans.Experiments.Conformal;
using static TorchSharp.torch;

namespace ContrastiveOrleans.Experiments.Tests.Conformal;

/// <summary>
/// Log-volume formulas against closed forms (ball, ellipsoid) and Monte-Carlo hit counts in 2D and 3D. A Monte-Carlo
/// check passes when |exp(logV) − V̂| ≤ 5 binomial standard errors (false alarm ≈ 6e-7 per check).
/// </summary>
public sealed class LogVolumeTests
{
    private const int Samples = 400_000;
    private const double Z = 5;
    private static readonly float[] Mixing = [1.0f, 0.0f, 0.8f, 0.3f];
    private static readonly double[] Signs = [1.0, -1.0];

    [Theory]
    [InlineData(2, 1.7)]
    [InlineData(3, 0.6)]
    public void Ball_volume_is_pi_t_squared_in_2d_and_four_thirds_pi_t_cubed_in_3d(int d, double t)
    {
        using var ball = new BallSet(d);
        var expected = d == 2 ? Math.PI * t * t : 4.0 / 3 * Math.PI * t * t * t;
        Assert.Equal(Math.Log(expected), MonteCarloVolume.LogVolume(ball, t), 5);
        AssertMonteCarlo(ball, t, Enumerable.Repeat(t, d).ToArray(), seed: d);
    }

    [Fact]
    public void Axis_aligned_ellipsoid_volume_is_four_thirds_pi_t_cubed_times_the_semi_axes()
    {
        // Rows ±√3·σ_i e_i have second moment diag(σ²); the set adds a ridge of 1e-4 · mean eigenvalue.
        double[] sigma = [0.5, 1.0, 2.0];
        var rows = new List<float>();
        for (var i = 0; i < 3; i++)
            foreach (var sign in Signs)
                for (var j = 0; j < 3; j++) rows.Add(j == i ? (float)(sign * Math.Sqrt(3) * sigma[i]) : 0f);
        using var differences = tensor(rows.ToArray(), 6, 3);
        using var ellipsoid = new MahalanobisSet(differences);
        var ridge = 1e-4 * sigma.Sum(s => s * s) / 3;
        const double t = 1.3;
        var semiAxes = sigma.Select(s => t * Math.Sqrt(s * s + ridge)).ToArray();
        var expected = 4.0 / 3 * Math.PI * semiAxes.Aggregate(1.0, (v, a) => v * a);
        Assert.Equal(Math.Log(expected), MonteCarloVolume.LogVolume(ellipsoid, t), 4);
        AssertMonteCarlo(ellipsoid, t, semiAxes, seed: 5);
    }

    [Fact]
    public void Correlated_ellipsoid_matches_monte_carlo_in_2d()
    {
        using var generator = new Generator(7);
        using var z = randn([500, 2], generator: generator);
        using var mix = tensor(Mixing, 2, 2);
        using var differences = z.matmul(mix);
        using var ellipsoid = new MahalanobisSet(differences);
        // The box must hold the set: ‖x‖ ≤ t·√λ_max(Σ) ≤ t·√tr(Σ).
        using var second = differences.T.matmul(differences) / 500;
        var radius = 2.0 * Math.Sqrt(second.trace().item<float>() * 1.001);
        AssertMonteCarlo(ellipsoid, 2.0, [radius, radius], seed: 8);
    }

    [Theory]
    [InlineData(2, 0.7)]
    [InlineData(2, 3.0)]
    [InlineData(3, 1.0)]
    [InlineData(3, 2.5)]
    [InlineData(3, 0.8)]
    [InlineData(3, 0.5)]
    public void Single_norm_volume_matches_monte_carlo(int d, double p)
    {
        double[] entries = d == 2 ? [1.2, 0.3, -0.4, 0.9] : [1.1, 0.2, -0.3, 0.1, 0.8, 0.4, -0.2, 0.3, 1.3];
        using var a = tensor(entries.Select(v => (float)v).ToArray(), d, d);
        using var set = new SingleNormSet(a, p, 0.1, 10);
        const double t = 1.5;
        // x = M⁻¹y with M = AAᵀ. For p ≥ 1, ‖y‖_∞ ≤ t gives |x_j| ≤ t Σ_i |(M⁻¹)_ji|; for p < 1 the set lies in
        // the ℓ1 ball (‖y‖_1 ≤ ‖y‖_p), whose vertices ±t e_i give |x_j| ≤ t max_i |(M⁻¹)_ji|.
        using var m = a.to(ScalarType.Float64).matmul(a.to(ScalarType.Float64).T);
        using var inverse = p >= 1 ? linalg.inv(m).abs().sum(1) : linalg.inv(m).abs().amax([1L]);
        var box = inverse.data<double>().ToArray().Select(v => t * v).ToArray();
        AssertMonteCarlo(set, t, box, seed: 10 + d);
    }

    [Theory]
    [InlineData(new[] { 0.5, 3.0 }, new[] { 2.0, 0.7 })]
    [InlineData(new[] { 1.5, 0.4, 2.0 }, new[] { 0.6, 3.0, 1.0 })]
    [InlineData(new[] { 1.0, 1.0, 1.0 }, new[] { 2.0, 2.0, 2.0 })]
    public void Multi_norm_volume_matches_monte_carlo(double[] m, double[] p)
    {
        using var set = MultiNorm(m, p);
        const double t = 2.0;
        var box = m.Select((mj, j) => Math.Pow(t / mj, 1 / p[j])).ToArray();
        AssertMonteCarlo(set, t, box, seed: 20 + m.Length);
    }

    [Fact]
    public void Multi_norm_with_unit_weights_and_p_two_is_the_ball_of_radius_root_t()
    {
        using var set = MultiNorm([1, 1, 1], [2, 2, 2]);
        Assert.Equal(Math.Log(4.0 / 3 * Math.PI * Math.Pow(2.0, 1.5)), MonteCarloVolume.LogVolume(set, 2.0), 5);
    }

    [Fact]
    public void Reference_multi_norm_formula_with_minus_sum_log_m_disagrees_with_monte_carlo_when_p_is_not_one()
    {
        double[] m = [1.5, 0.4, 2.0], p = [0.6, 3.0, 1.0];
        using var set = MultiNorm(m, p);
        const double t = 2.0;
        var box = m.Select((mj, j) => Math.Pow(t / mj, 1 / p[j])).ToArray();
        var (volume, error, _) = MonteCarloVolume.Estimate(set, t, box, Samples, 31);
        var exact = MonteCarloVolume.LogVolume(set, t);
        var reference = exact + m.Select((mj, j) => Math.Log(mj) / p[j] - Math.Log(mj)).Sum();
        Assert.True(Math.Abs(Math.Exp(reference) - volume) > 10 * error,
            $"reference formula {Math.Exp(reference)} unexpectedly agrees with Monte-Carlo {volume} ± {error}");
    }

    [Fact]
    public void The_reference_volume_formula_drops_the_one_over_p_weights_of_log_m()
    {
        double[] m = [0.5, 2.0, 3.0], p = [1.5, 2.0, 4.0];
        using var logM = tensor(m.Select(v => (float)Math.Log(v)).ToArray());
        using var exponents = tensor(p.Select(v => (float)v).ToArray());
        using var exact = new MultiNormSet(logM, exponents, 0.1, 10);
        using var reference = new MultiNormSet(logM, exponents, 0.1, 10, referenceVolume: true);
        using var t = tensor(2.0f);
        using var exactVolume = exact.LogVolume(t);
        using var referenceVolume = reference.LogVolume(t);
        // −Σ log m_j replaces −Σ (1/p_j) log m_j; every other term is the same.
        var shift = m.Select((mj, j) => (Math.Log(mj) / p[j]) - Math.Log(mj)).Sum();
        Assert.Equal(exactVolume.item<float>() + shift, referenceVolume.item<float>(), 4);
    }

    private static MultiNormSet MultiNorm(double[] m, double[] p)
    {
        using var logM = tensor(m.Select(v => (float)Math.Log(v)).ToArray());
        using var exponents = tensor(p.Select(v => (float)v).ToArray());
        return new MultiNormSet(logM, exponents, 0.1, 10);
    }

    private static void AssertMonteCarlo(ICoveringSet set, double t, double[] halfWidths, int seed)
    {
        var (volume, error, hitRate) = MonteCarloVolume.Estimate(set, t, halfWidths, Samples, seed);
        Assert.InRange(hitRate, 0.002, 0.998);
        var formula = Math.Exp(MonteCarloVolume.LogVolume(set, t));
        Assert.True(Math.Abs(formula - volume) <= Z * error,
            $"formula {formula} vs Monte-Carlo {volume} ± {error} (hit rate {hitRate})");
    }
}
