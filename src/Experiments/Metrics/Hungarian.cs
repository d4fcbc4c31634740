namespace ContrastiveOrleans.Experiments.Metrics;

/// <summary>The assignment problem on a square matrix, O(n³) (Kuhn–Munkres with potentials).</summary>
public static class Hungarian
{
    /// <summary>For each row, the column it is assigned to, minimising the total cost.</summary>
    public static int[] MinimizeAssignment(double[,] cost)
    {
        ArgumentNullException.ThrowIfNull(cost);
        var n = cost.GetLength(0);
        if (cost.GetLength(1) != n) throw new ArgumentException("cost matrix must be square", nameof(cost));
        // 1-based arrays with a virtual column 0, as in the classical potentials formulation.
        var u = new double[n + 1];
        var v = new double[n + 1];
        var match = new int[n + 1];   // match[column] = row
        var way = new int[n + 1];
        for (var row = 1; row <= n; row++)
        {
            match[0] = row;
            var column0 = 0;
            var minv = Enumerable.Repeat(double.PositiveInfinity, n + 1).ToArray();
            var used = new bool[n + 1];
            do
            {
                used[column0] = true;
                int row0 = match[column0], column1 = 0;
                var delta = double.PositiveInfinity;
                for (var j = 1; j <= n; j++)
                {
                    if (used[j]) continue;
                    var reduced = cost[row0 - 1, j - 1] - u[row0] - v[j];
                    if (reduced < minv[j])
                    {
                        minv[j] = reduced;
                        way[j] = column0;
                    }
                    if (minv[j] < delta)
                    {
                        delta = minv[j];
                        column1 = j;
                    }
                }
                for (var j = 0; j <= n; j++)
                {
                    if (used[j])
                    {
                        u[match[j]] += delta;
                        v[j] -= delta;
                    }
                    else
                    {
                        minv[j] -= delta;
                    }
                }
                column0 = column1;
            }
            while (match[column0] != 0);
            do
            {
                var column1 = way[column0];
                match[column0] = match[column1];
                column0 = column1;
            }
            while (column0 != 0);
        }
        var assignment = new int[n];
        for (var j = 1; j <= n; j++) assignment[match[j] - 1] = j - 1;
        return assignment;
    }

    /// <summary>For each row, the column it is assigned to, maximising the total profit.</summary>
    public static int[] MaximizeAssignment(double[,] profit)
    {
        ArgumentNullException.ThrowIfNull(profit);
        var n = profit.GetLength(0);
        var m = profit.GetLength(1);
        var cost = new double[n, m];
        for (var i = 0; i < n; i++)
        for (var j = 0; j < m; j++) cost[i, j] = -profit[i, j];
        return MinimizeAssignment(cost);
    }
}
