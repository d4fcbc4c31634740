namespace ContrastiveOrleans.Experiments.AlphaCl;

/// <summary>Which contrastive loss to train with and the parameters of its pairwise importance α.</summary>
/// <param name="Loss">One of <see cref="Names"/>.</param>
/// <param name="P">Exponent of alpha-exp: w = exp(−r^{p/2}/τ); p = 2 is InfoNCE's weighting, p = 4 the paper's new loss.</param>
/// <param name="Power">Exponent q of alpha-inverse: w = 1/(r^e + τ)^q (the reference's inverse_exponent, default 1).</param>
/// <param name="Exponent">e of alpha-quadratic and alpha-inverse: they weigh w = f(r^e) (the reference's
/// alpha_exponent, default 1); alpha-exp's is p/2.</param>
/// <param name="Temperature">τ of every family.</param>
/// <param name="AlphaEps">ε in α_ij = w_ij / (Σ_k w_ik + ε·(2N−2)); 0 normalises α to sum 1 per anchor.</param>
public sealed record AlphaLossOptions(
    string Loss = AlphaLossOptions.AlphaExp,
    double P = 4.0,
    double Power = 1.0,
    double Temperature = 0.5,
    double AlphaEps = 0.0,
    double Exponent = 1.0)
{
    public const string NtXent = "ntxent";
    public const string AlphaExp = "alpha-exp";
    public const string AlphaQuadratic = "alpha-quadratic";
    public const string AlphaInverse = "alpha-inverse";

    public static readonly string[] Names = [NtXent, AlphaExp, AlphaQuadratic, AlphaInverse];

    /// <summary>Throws with the offending field named; the experiment's schema catches these earlier.</summary>
    public void Validate()
    {
        if (!Names.Contains(Loss, StringComparer.Ordinal))
            throw new ArgumentException($"loss: '{Loss}' is not one of {string.Join(", ", Names)}", nameof(Loss));
        if (!(P > 0)) throw new ArgumentOutOfRangeException(nameof(P), P, "p: must be > 0");
        if (!(Temperature > 0)) throw new ArgumentOutOfRangeException(nameof(Temperature), Temperature, "temperature: must be > 0");
        if (!(AlphaEps >= 0)) throw new ArgumentOutOfRangeException(nameof(AlphaEps), AlphaEps, "alpha_eps: must be ≥ 0");
        if (!(Power > 0)) throw new ArgumentOutOfRangeException(nameof(Power), Power, "power: must be > 0");
        if (!(Exponent > 0)) throw new ArgumentOutOfRangeException(nameof(Exponent), Exponent, "alpha_exponent: must be > 0");
    }
}
