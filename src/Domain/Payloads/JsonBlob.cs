using System.Text.Json;

namespace Pipeline.Domain.Payloads;

/// <summary>Stores a value as a JSON blob (web defaults, camelCase) and reads it back, streaming.</summary>
public static class JsonBlob
{
    public const string ContentType = "application/json";

    public static async Task<BlobRef> PutAsync<T>(IBlobStore blobs, string key, T value, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(blobs);
        await using var buffer = new MemoryStream();
        await JsonSerializer.SerializeAsync(buffer, value, Payloads.JsonPayloadConverter.Options, cancellationToken);
        buffer.Position = 0;
        return await blobs.PutAsync(key, buffer, ContentType, cancellationToken);
    }

    public static async Task<T> GetAsync<T>(IBlobStore blobs, string key, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(blobs);
        await using var content = await blobs.GetAsync(key, cancellationToken);
        return await JsonSerializer.DeserializeAsync<T>(content, Payloads.JsonPayloadConverter.Options, cancellationToken)
            ?? throw new JsonException($"The blob '{key}' holds null, not a {typeof(T).Name}.");
    }
}
