namespace ContrastiveOrleans.Experiments.Images;

/// <summary>An image file that is missing, truncated or not in the format its name promises; the message is one line
/// naming the path.</summary>
public sealed class ImageDataException : Exception
{
    public ImageDataException()
    {
    }

    public ImageDataException(string message)
        : base(message)
    {
    }

    public ImageDataException(string message, Exception inner)
        : base(message, inner)
    {
    }
}
