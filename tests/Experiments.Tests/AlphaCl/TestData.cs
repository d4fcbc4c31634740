using static TorchSharp.torch;

namespace ContrastiveOrleans.Experiments.Tests.AlphaCl;

/// <summary>Small helpers shared by the α-CL tests: tensors to arrays and loop-based reference computations.</summary>
internal static class TestData
{
    public static double[] Flat(Tensor t) => t.detach().to(float64).cpu().contiguous().data<double>().ToArray();

    public static double Cosine(double[] a, double[] b)
    {
        double ab = 0, aa = 0, bb = 0;
        for (var i = 0; i < a.Length; i++)
        {
            ab += a[i] * b[i];
            aa += a[i] * a[i];
            bb += b[i] * b[i];
        }
        return ab / Math.Sqrt(aa * bb);
    }

    /// <summary>E_α = ½ Σ_i Σ_{j∉{i, i′}} α_ij (‖f_i − f_j‖² − ‖f_i − f_i′‖²) by explicit loops; α columns skip i and i′ in order.</summary>
    public static double EnergyByLoops(double[] f, int rows, int width, double[] alpha)
    {
        var pairs = rows / 2;
        double Squared(int i, int j)
        {
            var s = 0.0;
            for (var t = 0; t < width; t++)
            {
                var diff = f[i * width + t] - f[j * width + t];
                s += diff * diff;
            }
            return s;
        }
        var energy = 0.0;
        for (var i = 0; i < rows; i++)
        {
            var partner = (i + pairs) % rows;
            var column = 0;
            for (var j = 0; j < rows; j++)
            {
                if (j == i || j == partner) continue;
                energy += 0.5 * alpha[i * (rows - 2) + column] * (Squared(i, j) - Squared(i, partner));
                column++;
            }
        }
        return energy;
    }
}
