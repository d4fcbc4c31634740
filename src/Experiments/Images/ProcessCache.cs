using System.Collections.Concurrent;

namespace ContrastiveOrleans.Experiments.Images;

/// <summary>
/// Values computed once per process per key and shared by every point, where a failed computation (a missing or
/// corrupt file: <see cref="ImageDataException"/>) is not kept, so installing the files mid-sweep works.
/// </summary>
internal sealed class ProcessCache<T>
{
    private readonly ConcurrentDictionary<string, Lazy<T>> _values = new(StringComparer.Ordinal);

    /// <param name="computed">True when this call computed the value (its caller paid for it).</param>
    public T Get(string key, Func<T> compute, out bool computed)
    {
        var mine = false;
        var lazy = _values.GetOrAdd(key, _ => new Lazy<T>(() =>
        {
            mine = true;
            return compute();
        }, LazyThreadSafetyMode.ExecutionAndPublication));
        try
        {
            var value = lazy.Value;
            computed = mine;
            return value;
        }
        catch (ImageDataException)
        {
            _values.TryRemove(new KeyValuePair<string, Lazy<T>>(key, lazy));
            throw;
        }
    }
}
