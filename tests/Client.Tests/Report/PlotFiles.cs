using System.Buffers.Binary;
using System.Xml.Linq;

namespace ContrastiveOrleans.Client.Tests.Report;

/// <summary>Independent checks of the plot files: SVG parsed as XML, PNG read by its signature and IHDR chunk.</summary>
internal static class PlotFiles
{
    private static readonly byte[] PngSignature = [0x89, (byte)'P', (byte)'N', (byte)'G', 0x0D, 0x0A, 0x1A, 0x0A];

    /// <summary>The texts of every &lt;text&gt; element (titles, labels, ticks, legend), whitespace-trimmed.</summary>
    public static IReadOnlyList<string> SvgTexts(string svg)
    {
        var doc = XDocument.Parse(svg);
        XNamespace ns = "http://www.w3.org/2000/svg";
        Assert.Equal(ns + "svg", doc.Root!.Name);
        return [.. doc.Descendants(ns + "text").Select(t => t.Value.Trim())];
    }

    public static (int Width, int Height) PngSize(byte[] png)
    {
        Assert.True(png.Length > 33, "PNG too short");
        Assert.Equal(PngSignature, png[..8]);
        // The first chunk must be IHDR: length 13, then width and height as big-endian 32-bit integers.
        Assert.Equal(13u, BinaryPrimitives.ReadUInt32BigEndian(png.AsSpan(8)));
        Assert.Equal("IHDR", System.Text.Encoding.ASCII.GetString(png, 12, 4));
        return ((int)BinaryPrimitives.ReadUInt32BigEndian(png.AsSpan(16)), (int)BinaryPrimitives.ReadUInt32BigEndian(png.AsSpan(20)));
    }
}
