namespace ContrastiveOrleans.Experiments.Images;

/// <summary>A dataset's published sizes, known before its files are read (validation and memory estimates use them).</summary>
public sealed record ImageDatasetShape(int Train, int Test, int Pixels, int Classes)
{
    /// <summary>Test images per class (the published splits are balanced).</summary>
    public int TestPerClass => Test / Classes;

    /// <summary>
    /// Peak bytes of the process-wide copy of the dataset (see <see cref="ImageFeatures"/>), counted per point as a
    /// bound: the pixel bytes and features of both splits, and the float32 standardised training pixels the PCA reads.
    /// </summary>
    public double DatasetBytes(int pcaDims)
    {
        double dims = pcaDims > 0 ? pcaDims : Pixels;
        return ((Train + (double)Test) * (Pixels + (4 * dims))) + (4.0 * 3 * Train * Pixels);
    }
}
