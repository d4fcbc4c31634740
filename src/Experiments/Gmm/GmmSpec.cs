namespace ContrastiveOrleans.Experiments.Gmm;

/// <summary>
/// Shape of a Gaussian mixture with one shared covariance. Σ has eigenvalues spaced geometrically from 1 to κ and
/// scaled to mean 1 (so <see cref="Separation"/> is in units of the average noise std), in a random rotation.
/// </summary>
/// <param name="D">Ambient dimension.</param>
/// <param name="K">Components, equally weighted.</param>
/// <param name="Condition">κ = λ_max / λ_min of Σ; 1 is isotropic.</param>
/// <param name="Separation">Norm of every centred mean μ_i − μ̄.</param>
/// <param name="NoiseDims">Eigen-directions of Σ given the variance <paramref name="NoiseVariance"/> instead (modality-specific noise).</param>
/// <param name="NoiseVariance">Variance along the noise directions, relative to the base spectrum's mean of 1.</param>
public sealed record GmmSpec(int D, int K, double Condition, double Separation, int NoiseDims = 0, double NoiseVariance = 0)
{
    public void Validate()
    {
        if (D < 2) throw new ArgumentOutOfRangeException(nameof(D), D, "d: must be at least 2");
        if (K < 2) throw new ArgumentOutOfRangeException(nameof(K), K, "k: must be at least 2");
        if (!(Condition >= 1)) throw new ArgumentOutOfRangeException(nameof(Condition), Condition, "condition: must be ≥ 1");
        if (!(Separation > 0)) throw new ArgumentOutOfRangeException(nameof(Separation), Separation, "separation: must be > 0");
        if (NoiseDims < 0 || NoiseDims >= D) throw new ArgumentOutOfRangeException(nameof(NoiseDims), NoiseDims, "noise_dims: must be in [0, d)");
        if (NoiseDims > 0 && !(NoiseVariance > 0)) throw new ArgumentOutOfRangeException(nameof(NoiseVariance), NoiseVariance, "noise_var: must be > 0");
    }
}
