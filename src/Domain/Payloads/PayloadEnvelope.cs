using System.Text.Json;
using System.Text.Json.Serialization;

namespace Pipeline.Domain.Payloads;

/// <summary>
/// What travels through history instead of a large value: <c>{"$claim":"payloads/&lt;sha&gt;","length":N,"sha256":"…","encoding":"gzip"}</c>.
/// <see cref="Length"/> and <see cref="Sha256"/> describe the value's UTF-8 JSON (before compression).
/// </summary>
internal sealed record PayloadEnvelope
{
    /// <summary>Every envelope starts with exactly these characters; nothing else the converter writes inline can.</summary>
    public const string Marker = "{\"$claim\":";

    private const int MaxEnvelopeLength = 1024;

    [JsonPropertyName("$claim")]
    public required string Claim { get; init; }

    [JsonPropertyName("length")]
    public required long Length { get; init; }

    [JsonPropertyName("sha256")]
    public required string Sha256 { get; init; }

    [JsonPropertyName("encoding")]
    public string Encoding { get; init; } = "gzip";

    public string ToJson() => JsonSerializer.Serialize(this, EnvelopeJsonOptions);

    /// <summary>
    /// Recognises an envelope. A user value whose JSON is an object with a first property named "$claim" would look
    /// the same; the claim must also be a valid payload key with a matching digest, which such a value never is by accident.
    /// </summary>
    public static bool TryParse(string data, out PayloadEnvelope envelope)
    {
        envelope = null!;
        if (data.Length > MaxEnvelopeLength || !data.StartsWith(Marker, StringComparison.Ordinal))
        {
            return false;
        }

        PayloadEnvelope? parsed;
        try
        {
            parsed = JsonSerializer.Deserialize<PayloadEnvelope>(data, EnvelopeJsonOptions);
        }
        catch (JsonException)
        {
            return false;
        }

        if (parsed is null || !BlobKey.IsSha256(parsed.Sha256) || parsed.Claim != BlobKey.PayloadPrefix + parsed.Sha256 || parsed.Encoding != "gzip" || parsed.Length < 0)
        {
            return false;
        }

        envelope = parsed;
        return true;
    }

    private static readonly JsonSerializerOptions EnvelopeJsonOptions = new(JsonSerializerDefaults.Web);
}
