using ContrastiveOrleans.Experiments.Metrics;

namespace ContrastiveOrleans.Experiments.Tests.Metrics;

public sealed class ContingencyTests
{
    [Fact]
    public void Identical_partitions_up_to_renaming_score_one()
    {
        long[] truth = [0, 0, 1, 1, 2, 2, 2];
        long[] renamed = [5, 5, 9, 9, 7, 7, 7];
        var c = new Contingency(truth, renamed);
        Assert.Equal(1.0, c.NormalizedMutualInformation(), 12);
        Assert.Equal(1.0, c.AdjustedRandIndex(), 12);
        Assert.Equal(1.0, c.MatchedAccuracy(), 12);
    }

    [Fact]
    public void Hand_computed_two_by_two_case()
    {
        // Contingency [[2, 1], [0, 3]] over 6 items; rows a = (3, 3), columns b = (2, 4).
        long[] truth = [0, 0, 0, 1, 1, 1];
        long[] predicted = [0, 0, 1, 1, 1, 1];
        var c = new Contingency(truth, predicted);

        // MI = Σ n_ij/n log(n n_ij / (a_i b_j)); H(U) = log 2; H(V) = −(1/3 log 1/3 + 2/3 log 2/3).
        var mi = 2.0 / 6 * Math.Log(6.0 * 2 / (3 * 2)) + 1.0 / 6 * Math.Log(6.0 * 1 / (3 * 4)) + 3.0 / 6 * Math.Log(6.0 * 3 / (3 * 4));
        var hu = Math.Log(2);
        var hv = -(1.0 / 3 * Math.Log(1.0 / 3) + 2.0 / 3 * Math.Log(2.0 / 3));
        Assert.Equal(2 * mi / (hu + hv), c.NormalizedMutualInformation(), 12);

        // ARI: index = C(2,2)+C(3,2) = 4; Σa = 3+3 = 6; Σb = 1+6 = 7; expected = 6·7/15 = 2.8; max = 6.5.
        Assert.Equal((4 - 2.8) / (6.5 - 2.8), c.AdjustedRandIndex(), 12);
        // Best matching: cluster 0 → label 0 (2 items), cluster 1 → label 1 (3 items).
        Assert.Equal(5.0 / 6, c.MatchedAccuracy(), 12);
    }

    [Fact]
    public void Hungarian_matches_brute_force_over_all_permutations()
    {
        var random = new Random(3);
        for (var trial = 0; trial < 30; trial++)
        {
            var n = random.Next(1, 7);
            var cost = new double[n, n];
            for (var i = 0; i < n; i++)
            for (var j = 0; j < n; j++) cost[i, j] = random.Next(0, 20);
            var assignment = Hungarian.MinimizeAssignment(cost);
            Assert.Equal(n, assignment.Distinct().Count());
            var total = Enumerable.Range(0, n).Sum(i => cost[i, assignment[i]]);
            Assert.Equal(BruteForce(cost), total);
        }
    }

    private static double BruteForce(double[,] cost)
    {
        var n = cost.GetLength(0);
        var best = double.PositiveInfinity;
        void Search(int row, bool[] used, double sum)
        {
            if (row == n)
            {
                best = Math.Min(best, sum);
                return;
            }
            for (var j = 0; j < n; j++)
            {
                if (used[j]) continue;
                used[j] = true;
                Search(row + 1, used, sum + cost[row, j]);
                used[j] = false;
            }
        }
        Search(0, new bool[n], 0);
        return best;
    }
}
