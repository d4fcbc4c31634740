using ContrastiveOrleans.Experiments.Metrics;
using static TorchSharp.torch;

namespace ContrastiveOrleans.Experiments.Conformal;

/// <summary>Closed-form volumes shared by the set families.</summary>
public static class LpBall
{
    /// <summary>log volume of the Euclidean unit ball in d dimensions: (d/2) log π − lgamma(d/2 + 1).</summary>
    public static double LogUnitEuclidean(int d) => d / 2.0 * Math.Log(Math.PI) - SpecialFunctions.LogGamma(d / 2.0 + 1);

    /// <summary>
    /// log volume of {y : Σ_j |y_j|^{p_j} ≤ 1} = d log 2 + Σ lgamma(1 + 1/p_j) − lgamma(1 + Σ 1/p_j) for a [d] tensor
    /// of exponents (Dirichlet's integral); the unit ℓp ball is the case of equal p_j.
    /// </summary>
    public static Tensor LogUnitGeneralized(Tensor exponents)
    {
        var inverse = exponents.reciprocal();
        return (inverse + 1).lgamma().sum() - (inverse.sum() + 1).lgamma() + exponents.shape[0] * Math.Log(2);
    }
}
