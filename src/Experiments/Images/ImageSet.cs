namespace ContrastiveOrleans.Experiments.Images;

/// <summary>
/// Images as bytes, row-major N×C×H×W (channel planes, as CIFAR stores them; one plane for grey images), with one label
/// in [0, <see cref="Classes"/>) each.
/// </summary>
public sealed record ImageSet(byte[] Pixels, byte[] Labels, int Count, int Channels, int Height, int Width, int Classes)
{
    public int PixelsPerImage => Channels * Height * Width;
}
