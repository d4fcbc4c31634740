namespace ContrastiveOrleans.Experiments.Metrics;

/// <summary>
/// The last m curvature pairs (s = Δθ, y = Δ∇f) of L-BFGS and its two-loop recursion (Nocedal and Wright, Algorithm
/// 7.4), with the initial inverse Hessian γI, γ = s·y / y·y of the newest pair. A pair with s·y ≤ 0 would break
/// positive definiteness and is skipped.
/// </summary>
public sealed class LbfgsMemory(int capacity)
{
    private readonly LinkedList<(double[] S, double[] Y, double Rho)> _pairs = new();

    public int Count => _pairs.Count;

    public void Clear() => _pairs.Clear();

    public void Push(double[] s, double[] y)
    {
        ArgumentNullException.ThrowIfNull(s);
        ArgumentNullException.ThrowIfNull(y);
        var sy = LinearProbe.Dot(s, y);
        if (sy <= 1e-12 * Math.Sqrt(LinearProbe.Dot(s, s) * LinearProbe.Dot(y, y))) return;
        _pairs.AddLast((s, y, 1 / sy));
        if (_pairs.Count > capacity) _pairs.RemoveFirst();
    }

    /// <summary>−H·g.</summary>
    public double[] Direction(double[] gradient)
    {
        ArgumentNullException.ThrowIfNull(gradient);
        var q = (double[])gradient.Clone();
        var alphas = new double[_pairs.Count];
        var i = _pairs.Count - 1;
        for (var node = _pairs.Last; node is not null; node = node.Previous, i--)
        {
            var (s, y, rho) = node.Value;
            alphas[i] = rho * LinearProbe.Dot(s, q);
            for (var j = 0; j < q.Length; j++) q[j] -= alphas[i] * y[j];
        }
        if (_pairs.Last is { } newest)
        {
            var gamma = LinearProbe.Dot(newest.Value.S, newest.Value.Y) / LinearProbe.Dot(newest.Value.Y, newest.Value.Y);
            for (var j = 0; j < q.Length; j++) q[j] *= gamma;
        }
        i = 0;
        for (var node = _pairs.First; node is not null; node = node.Next, i++)
        {
            var (s, y, rho) = node.Value;
            var beta = rho * LinearProbe.Dot(y, q);
            for (var j = 0; j < q.Length; j++) q[j] += (alphas[i] - beta) * s[j];
        }
        for (var j = 0; j < q.Length; j++) q[j] = -q[j];
        return q;
    }
}
