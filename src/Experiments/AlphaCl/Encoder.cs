using TorchSharp.Modules;
using static TorchSharp.torch;

namespace ContrastiveOrleans.Experiments.AlphaCl;

/// <summary>
/// Bias-free encoders as raw parameters (so one seeded generator fixes the initialisation): linear W (width×d),
/// deep-linear W_L…W_1 (first d→width, then width→width), relu2 W_2 relu(W_1 x), and linear-units W_2 W_1 x, relu2
/// without the ReLU: the control that makes a rank difference between relu2 and the linear nets attributable to the
/// ReLU alone (same per-unit constraint, same frozen top layer). Bias-free keeps the linear
/// ones exactly the maps the fixed-α theory is about. <see cref="ConstrainForMaxPlayer"/> imposes the norm
/// constraint of the fixed-α max player.
/// </summary>
public sealed class Encoder : IDisposable
{
    public const string Linear = "linear";
    public const string DeepLinear = "deep-linear";
    public const string Relu2 = "relu2";
    public const string LinearUnits = "linear-units";

    public static readonly string[] Names = [Linear, DeepLinear, Relu2, LinearUnits];

    private readonly Parameter[] _layers;

    private Encoder(string kind, Parameter[] layers)
    {
        Kind = kind;
        _layers = layers;
    }

    public string Kind { get; }

    public IReadOnlyList<Parameter> Layers => _layers;

    public bool IsLinear => Kind != Relu2;

    /// <summary>Two layers whose hidden units are normalised one by one under the max player (relu2, linear-units).</summary>
    private bool PerUnit => Kind is Relu2 or LinearUnits;

    /// <summary>Layers used as V/‖V‖ (see <see cref="ConstrainForMaxPlayer"/>).</summary>
    public bool NormalizeLayers { get; private set; }

    /// <summary>The layers the max player optimises.</summary>
    public IReadOnlyList<Parameter> Trainable => [.. _layers.Where(l => l.requires_grad)];

    /// <summary>
    /// Linear encoders: every layer becomes V_l/‖V_l‖_F, so E_α cannot grow by scaling and its maximum over the
    /// end-to-end map is λ_max(C_α). relu2: a Frobenius-normalised top layer would make the output rank one by the
    /// same argument (given the hidden features the top layer solves a Rayleigh quotient), so, as in the paper's
    /// two-layer analysis, each hidden unit is normalised, ‖w_k‖ = 1, and the top layer is frozen at the identity:
    /// E_α then splits into one gated quadratic form per hidden unit, and the units can settle on different directions.
    /// linear-units takes the same constraint without the gate: E_α = ½ Σ_k w_kᵀ C_α w_k, each unit's own Rayleigh
    /// quotient, so every unit ends on the top eigenvector (rank 1, E_α = width · ½λ_max).
    /// </summary>
    public void ConstrainForMaxPlayer()
    {
        NormalizeLayers = true;
        if (!PerUnit) return;
        using (no_grad())
        {
            var top = _layers[1];
            top.copy_(eye(top.shape[0], top.shape[1], dtype: top.dtype, device: top.device));
        }
        _layers[1].requires_grad = false;
    }

    /// <summary>Depth counts the layers of deep-linear only; linear has one layer and relu2 two.</summary>
    public static Encoder Create(string kind, int inputDim, int depth, int width, Generator generator, Device device, ScalarType dtype)
    {
        ArgumentNullException.ThrowIfNull(kind);
        var count = kind switch
        {
            Linear => 1,
            DeepLinear => depth >= 1 ? depth : throw new ArgumentOutOfRangeException(nameof(depth), depth, "depth: must be ≥ 1"),
            Relu2 or LinearUnits => 2,
            _ => throw new ArgumentException($"encoder: '{kind}' is not one of {string.Join(", ", Names)}", nameof(kind)),
        };
        var layers = new Parameter[count];
        for (var l = 0; l < count; l++)
        {
            var fanIn = l == 0 ? inputDim : width;
            using var init = randn(width, fanIn, dtype: dtype, generator: generator) / Math.Sqrt(fanIn);
            layers[l] = new Parameter(init.to(device));
        }
        return new Encoder(kind, layers);
    }

    public Tensor Forward(Tensor x)
    {
        ArgumentNullException.ThrowIfNull(x);
        var h = x;
        for (var l = 0; l < _layers.Length; l++)
        {
            h = h.matmul(Weight(l).T);
            if (Kind == Relu2 && l == 0) h = nn.functional.relu(h);
        }
        return h;
    }

    /// <summary>The end-to-end matrix W = W_L…W_1 of a linear encoder (detached, float64, CPU); null for relu2.</summary>
    public Tensor? EndToEndMap()
    {
        if (!IsLinear) return null;
        using var scope = NewDisposeScope();
        using var noGrad = no_grad();
        return Product().detach().to(float64).cpu().MoveToOuterDisposeScope();
    }

    /// <summary>W = W_L…W_1, differentiable in the layers; only meaningful for linear encoders.</summary>
    public Tensor Product()
    {
        var w = Weight(0);
        for (var l = 1; l < _layers.Length; l++) w = Weight(l).matmul(w);
        return w;
    }

    private Tensor Weight(int l)
    {
        Tensor w = _layers[l];
        if (!NormalizeLayers) return w;
        if (!PerUnit) return w / w.norm();
        return l == 0 ? w / linalg.vector_norm(w, dims: [1], keepdim: true) : w;
    }

    public void Dispose()
    {
        foreach (var layer in _layers) layer.Dispose();
    }
}
