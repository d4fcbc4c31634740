using ContrastiveOrleans.Experiments.Conformal;

namespace ContrastiveOrleans.Experiments.Tests.Conformal;

/// <summary>
/// Statistical check of the split conformal guarantee on exchangeable (i.i.d. uniform) scores. With continuous
/// scores the threshold is the k-th order statistic, t ~ Beta(k, n+1−k), and a fresh score is covered with
/// probability exactly E[t] = k/(n+1) ∈ [1−α, 1−α + 1/(n+1)]. The mean coverage over R trials of m test scores has
/// variance (Var t + E[t(1−t)]/m)/R; bounds are widened by z = 3.89 standard errors (two-sided false alarm 1e-4).
/// </summary>
public sealed class CoverageGuaranteeTests
{
    private const double Z = 3.89;

    [Theory]
    [InlineData(50, 0.1, 11)]
    [InlineData(19, 0.05, 12)]
    [InlineData(200, 0.2, 13)]
    [InlineData(120, 0.01, 14)]
    public void Mean_coverage_lies_between_one_minus_alpha_and_that_plus_one_over_n_plus_one(int n, double alpha, int seed)
    {
        const int trials = 2000;
        const int testPerTrial = 50;
        var random = new Random(seed);
        var calibration = new double[n];
        double sum = 0;
        for (var r = 0; r < trials; r++)
        {
            for (var i = 0; i < n; i++) calibration[i] = random.NextDouble();
            var t = SplitConformal.Threshold(calibration, alpha);
            var covered = 0;
            for (var j = 0; j < testPerTrial; j++) covered += random.NextDouble() <= t ? 1 : 0;
            sum += covered / (double)testPerTrial;
        }
        var mean = sum / trials;

        // The rank recomputed here (no case lands within 1e-12 of an integer).
        var k = (long)Math.Ceiling((n + 1) * (1 - alpha) - 1e-12);
        double a = k, b = n + 1 - k, s = a + b;
        var expected = a / s;
        var varianceT = a * b / (s * s * (s + 1));
        var secondMoment = varianceT + expected * expected;
        var standardError = Math.Sqrt((varianceT + (expected - secondMoment) / testPerTrial) / trials);

        Assert.InRange(mean, 1 - alpha - Z * standardError, 1 - alpha + 1.0 / (n + 1) + Z * standardError);
        Assert.InRange(mean, expected - Z * standardError, expected + Z * standardError);
    }
}
