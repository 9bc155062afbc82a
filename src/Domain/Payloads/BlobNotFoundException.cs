namespace Pipeline.Domain.Payloads;

/// <summary>A blob that was asked for does not exist.</summary>
public sealed class BlobNotFoundException : Exception
{
    public BlobNotFoundException(string key, Exception? innerException = null)
        : base($"Blob '{key}' does not exist.", innerException) => Key = key;

    public BlobNotFoundException()
        : this(string.Empty)
    {
    }

    public BlobNotFoundException(string key, string message)
        : base(message) => Key = key;

    public string Key { get; }
}
