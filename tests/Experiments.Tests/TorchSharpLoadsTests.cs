using static TorchSharp.torch;

namespace ContrastiveOrleans.Experiments.Tests;

/// <summary>Proves the build step made TorchSharp's native library loadable in the test host.</summary>
public sealed class TorchSharpLoadsTests
{
    [Fact]
    public void Matrix_product_matches_hand_computation()
    {
        using var a = tensor(new double[] { 1, 2, 3, 4 }, 2, 2);
        using var b = tensor(new double[] { 5, 6, 7, 8 }, 2, 2);
        using var c = a.matmul(b);
        Assert.Equal(new double[] { 19, 22, 43, 50 }, c.data<double>().ToArray());
    }

    [Fact]
    public void Eigh_of_a_known_symmetric_matrix_gives_its_eigenvalues()
    {
        // [[2,1],[1,2]] has eigenvalues 1 and 3 with eigenvectors (1,-1)/√2 and (1,1)/√2.
        using var m = tensor(new double[] { 2, 1, 1, 2 }, 2, 2);
        var (values, vectors) = linalg.eigh(m);
        using (values)
        using (vectors)
        {
            var ev = values.data<double>().ToArray();
            Assert.Equal(1.0, ev[0], 12);
            Assert.Equal(3.0, ev[1], 12);
            var top = vectors[.., 1].abs().data<double>().ToArray();
            Assert.Equal(Math.Sqrt(0.5), top[0], 12);
            Assert.Equal(Math.Sqrt(0.5), top[1], 12);
        }
    }
}
