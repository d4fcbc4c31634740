using static TorchSharp.torch;

namespace ContrastiveOrleans.Experiments.Conformal;

/// <summary>Closed-form volumes shared by the set families.</summary>
public static class LpBall
{
    /// <summary>log volume of the Euclidean unit ball in d dimensions: (d/2) log π − lgamma(d/2 + 1).</summary>
    public static double LogUnitEuclidean(int d) => d / 2.0 * Math.Log(Math.PI) - LogGamma(d / 2.0 + 1);

    /// <summary>
    /// log volume of {y : Σ_j |y_j|^{p_j} ≤ 1} = d log 2 + Σ lgamma(1 + 1/p_j) − lgamma(1 + Σ 1/p_j) for a [d] tensor
    /// of exponents (Dirichlet's integral); the unit ℓp ball is the case of equal p_j.
    /// </summary>
    public static Tensor LogUnitGeneralized(Tensor exponents)
    {
        var inverse = exponents.reciprocal();
        return (inverse + 1).lgamma().sum() - (inverse.sum() + 1).lgamma() + exponents.shape[0] * Math.Log(2);
    }

    /// <summary>Lanczos log Γ(x) for x &gt; 0 (|error| &lt; 1e-13 relative); .NET has no lgamma.</summary>
    public static double LogGamma(double x)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(x);
        if (x < 0.5) return Math.Log(Math.PI / Math.Sin(Math.PI * x)) - LogGamma(1 - x);
        ReadOnlySpan<double> g =
        [
            0.99999999999980993, 676.5203681218851, -1259.1392167224028, 771.32342877765313, -176.61502916214059,
            12.507343278686905, -0.13857109526572012, 9.9843695780195716e-6, 1.5056327351493116e-7,
        ];
        x -= 1;
        var sum = g[0];
        for (var i = 1; i < g.Length; i++) sum += g[i] / (x + i);
        var t = x + 7.5;
        return 0.5 * Math.Log(2 * Math.PI) + (x + 0.5) * Math.Log(t) - t + Math.Log(sum);
    }
}
