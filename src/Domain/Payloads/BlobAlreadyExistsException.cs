namespace Pipeline.Domain.Payloads;

/// <summary>A conditional create found a blob already at the key.</summary>
public sealed class BlobAlreadyExistsException : Exception
{
    public BlobAlreadyExistsException(string key, Exception? innerException = null)
        : base($"Blob '{key}' already exists.", innerException) => Key = key;

    public BlobAlreadyExistsException()
        : this(string.Empty)
    {
    }

    public BlobAlreadyExistsException(string key, string message)
        : base(message) => Key = key;

    public string Key { get; }
}
