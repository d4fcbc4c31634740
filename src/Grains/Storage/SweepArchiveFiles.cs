using System.Security.Cryptography;
using System.Text;

namespace ContrastiveOrleans.Grains.Storage;

/// <summary>The archive's fixed file names, and the hashed folder a sweep id maps to.</summary>
public static class SweepArchiveFiles
{
    public const string SweepYaml = "sweep.yaml";
    public const string CurvesJson = "curves.json";

    public static bool IsKnown(string fileName) => fileName is SweepYaml or CurvesJson;

    /// <summary>Sweep ids carry the sweep file's name (data): storage paths use their SHA-256 in hex instead.</summary>
    public static string Folder(string sweepId)
    {
        ArgumentNullException.ThrowIfNull(sweepId);
        return "sweeps/" + Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(sweepId)));
    }
}
