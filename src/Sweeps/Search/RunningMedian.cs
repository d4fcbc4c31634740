namespace ContrastiveOrleans.Sweeps.Search;

/// <summary>The median of a growing set of values in O(log n) per value: a max-heap of the lower half, a min-heap of the upper.</summary>
public sealed class RunningMedian
{
    private readonly PriorityQueue<double, double> _lower = new(Comparer<double>.Create((a, b) => b.CompareTo(a)));
    private readonly PriorityQueue<double, double> _upper = new();

    public int Count => _lower.Count + _upper.Count;

    public void Add(double value)
    {
        if (_lower.Count == 0 || value <= _lower.Peek()) _lower.Enqueue(value, value);
        else _upper.Enqueue(value, value);
        if (_lower.Count > _upper.Count + 1) _upper.Enqueue(_lower.Peek(), _lower.Dequeue());
        else if (_upper.Count > _lower.Count) _lower.Enqueue(_upper.Peek(), _upper.Dequeue());
    }

    /// <summary>The middle value, or the mean of the two middle ones (NaN when empty).</summary>
    public double Median => Count == 0 ? double.NaN : _lower.Count > _upper.Count ? _lower.Peek() : (_lower.Peek() + _upper.Peek()) / 2;
}
