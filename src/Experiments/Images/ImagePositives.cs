namespace ContrastiveOrleans.Experiments.Images;

/// <summary>How a training image's positive partner is made.</summary>
public static class ImagePositives
{
    /// <summary>Another image of the anchor's class (its class resampled with probability noise): uses labels.</summary>
    public const string SameClass = "same-class";

    /// <summary>Two random augmentations of the anchor itself: no labels.</summary>
    public const string Augment = "augment";

    public static readonly string[] All = [SameClass, Augment];
}
