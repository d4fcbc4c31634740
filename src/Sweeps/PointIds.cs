using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using ContrastiveOrleans.Experiments.Abstractions;

namespace ContrastiveOrleans.Sweeps;

/// <summary>Content addresses: a point id is the hash of everything that determines its result.</summary>
public static class PointIds
{
    /// <summary>Hex of the first 16 bytes of SHA-256 over canonical {experiment, params, seed, version} (sorted keys).</summary>
    public static string Compute(string experiment, string version, ParameterSet parameters, int seed)
    {
        ArgumentNullException.ThrowIfNull(parameters);
        using var buffer = new MemoryStream();
        using (var writer = new Utf8JsonWriter(buffer))
        {
            writer.WriteStartObject();
            writer.WriteString("experiment", experiment);
            writer.WritePropertyName("params");
            parameters.WriteTo(writer);
            writer.WriteNumber("seed", seed);
            writer.WriteString("version", version);
            writer.WriteEndObject();
        }
        return Hash(buffer.ToArray());
    }

    /// <summary>The id of a point of <paramref name="experiment"/>: its parameters without those the run ignores.</summary>
    public static string For(IExperiment experiment, ParameterSet parameters, int seed)
    {
        ArgumentNullException.ThrowIfNull(experiment);
        ArgumentNullException.ThrowIfNull(parameters);
        var ignored = experiment.IgnoredParameters(parameters);
        var used = ignored.Count == 0 ? parameters : new ParameterSet(parameters.Where(p => !ignored.Contains(p.Key)));
        return Compute(experiment.Name, experiment.Version, used, seed);
    }

    public static string Hash(string text) => Hash(Encoding.UTF8.GetBytes(text));

    /// <summary>Whether <paramref name="id"/> has the form of a point id: 32 hex digits (16 bytes of SHA-256).</summary>
    public static bool IsId(string? id) => id is { Length: 32 } && id.All(char.IsAsciiHexDigit);

    private static string Hash(byte[] bytes) => Convert.ToHexStringLower(SHA256.HashData(bytes).AsSpan(0, 16));

    /// <summary>A 64-bit seed from text, for deterministic random draws.</summary>
    public static ulong Seed(string text) => BitConverter.ToUInt64(SHA256.HashData(Encoding.UTF8.GetBytes(text)), 0);
}
