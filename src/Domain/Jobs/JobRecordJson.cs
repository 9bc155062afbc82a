using System.Text.Json;
using System.Text.Json.Serialization;
using Pipeline.Domain.Assets;

namespace Pipeline.Domain.Jobs;

/// <summary>
/// The one JSON shape of job records and manifests in every store: camelCase, enums as names, nulls omitted.
/// Sizes measured here are the sizes the stores write.
/// </summary>
public static class JobRecordJson
{
    public static JsonSerializerOptions Options { get; } = new(JsonSerializerDefaults.Web)
    {
        DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
        Converters = { new JsonStringEnumConverter() },
    };

    public static byte[] Serialize(JobRecord record) => JsonSerializer.SerializeToUtf8Bytes(record, Options);

    public static JobRecord Deserialize(ReadOnlySpan<byte> utf8Json)
        => JsonSerializer.Deserialize<JobRecord>(utf8Json, Options) ?? throw new JsonException("A job record document was null.");

    public static async Task<JobRecord> DeserializeAsync(Stream utf8Json, CancellationToken cancellationToken)
        => await JsonSerializer.DeserializeAsync<JobRecord>(utf8Json, Options, cancellationToken)
           ?? throw new JsonException("A job record document was null.");

    public static byte[] SerializeManifest(IReadOnlyList<AssetOutcome> manifest) => JsonSerializer.SerializeToUtf8Bytes(manifest, Options);

    public static async Task<IReadOnlyList<AssetOutcome>> DeserializeManifestAsync(Stream utf8Json, CancellationToken cancellationToken)
        => await JsonSerializer.DeserializeAsync<List<AssetOutcome>>(utf8Json, Options, cancellationToken)
           ?? throw new JsonException("A job manifest blob was null.");
}
