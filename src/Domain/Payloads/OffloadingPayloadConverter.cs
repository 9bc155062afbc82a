using System.IO.Compression;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using Microsoft.Extensions.Options;
using Microsoft.DurableTask;
using Microsoft.DurableTask.Entities;

namespace Pipeline.Domain.Payloads;

/// <summary>
/// The claim-check payload converter. Serialises with the runtime's JSON (<see cref="JsonPayloadConverter.Options"/>);
/// a value whose UTF-8 JSON is over <see cref="PayloadOptions.InlineThresholdBytes"/> is gzip-compressed, stored once
/// at <c>payloads/{sha256}</c> (content-addressed) and replaced by a small <see cref="PayloadEnvelope"/>, which
/// <see cref="Deserialize"/> resolves transparently. No value may exceed <see cref="PayloadOptions.MaxPayloadBytes"/>.
/// Inside a <see cref="PayloadScope"/>, each offload records that the scope's job references the payload, so
/// <see cref="PayloadJanitor"/> can delete it with the job.
/// </summary>
public sealed class OffloadingPayloadConverter : DataConverter
{
    private const string PayloadContentType = "application/gzip";

    private readonly IBlobStore store;
    private readonly PayloadOptions options;
    private readonly PayloadCache cache;

    public OffloadingPayloadConverter(IBlobStore store, IOptions<PayloadOptions> options)
    {
        this.store = store;
        this.options = options.Value;
        cache = new PayloadCache(this.options.ResolvedCacheBytes);
    }

    public override string? Serialize(object? value)
    {
        if (value is null)
        {
            return null;
        }

        // DurableTask.Core hands an activity's input over as a one-element parameter array and the SDK's activity
        // shim strips the brackets before it deserializes: the claim must stand for the value inside, so that the
        // activity resolves its own input rather than an array.
        if (value is object?[] { Length: 1 } parameters)
        {
            return $"[{Serialize(parameters[0]) ?? "null"}]";
        }

        var step = PayloadScope.CurrentStep ?? value.GetType().Name;
        var json = PayloadSizeGuard.Serialize(value, step, options.MaxPayloadBytes);
        if (!options.OffloadEnabled || json.Length <= options.InlineThresholdBytes)
        {
            return Encoding.UTF8.GetString(json.Span);
        }

        var sha256 = Convert.ToHexStringLower(SHA256.HashData(json.Span));
        var jobId = PayloadScope.CurrentJobId;
        RunBlocking(cancellationToken => OffloadAsync(sha256, json, jobId, cancellationToken));
        return new PayloadEnvelope { Claim = BlobKey.ForPayload(sha256), Length = json.Length, Sha256 = sha256 }.ToJson();
    }

    public override object? Deserialize(string? data, Type targetType)
    {
        if (data is null)
        {
            return null;
        }

        if (!PayloadEnvelope.TryParse(data, out var envelope))
        {
            return JsonSerializer.Deserialize(data, targetType, JsonPayloadConverter.Options);
        }

        if (!cache.TryGet(envelope.Sha256, out var json))
        {
            json = RunBlocking(cancellationToken => ResolveAsync(envelope, cancellationToken));
            cache.Add(envelope.Sha256, json);
        }

        return JsonSerializer.Deserialize(json, targetType, JsonPayloadConverter.Options);
    }

    private async Task<bool> OffloadAsync(string sha256, ReadOnlyMemory<byte> json, string? jobId, CancellationToken cancellationToken)
    {
        if (jobId is not null)
        {
            // References first, payload second: a janitor purging another job that shares this payload then sees
            // this job's reference before it decides the payload is unreferenced (see PayloadJanitor).
            await PutMarkerAsync(BlobKey.ForPayloadRefByPayload(sha256, jobId), cancellationToken);
            await PutMarkerAsync(BlobKey.ForPayloadRefByJob(jobId, sha256), cancellationToken);
        }

        var key = BlobKey.ForPayload(sha256);
        if (await store.ExistsAsync(key, cancellationToken))
        {
            return false;
        }

        using var compressed = new MemoryStream(capacity: Math.Max(1024, json.Length / 4));
        await using (var gzip = new GZipStream(compressed, CompressionLevel.Fastest, leaveOpen: true))
        {
            await gzip.WriteAsync(json, cancellationToken);
        }

        compressed.Position = 0;
        try
        {
            await store.CreateAsync(key, compressed, PayloadContentType, cancellationToken);
            return true;
        }
        catch (BlobAlreadyExistsException)
        {
            // Another writer stored the same content first; content addressing makes theirs identical to ours.
            return false;
        }
    }

    private async Task PutMarkerAsync(string key, CancellationToken cancellationToken)
    {
        using var empty = new MemoryStream([], writable: false);
        await store.PutAsync(key, empty, "application/octet-stream", cancellationToken);
    }

    private async Task<byte[]> ResolveAsync(PayloadEnvelope envelope, CancellationToken cancellationToken)
    {
        if (envelope.Length > options.MaxPayloadBytes)
        {
            throw new PayloadTooLargeException(envelope.Claim, envelope.Length, options.MaxPayloadBytes);
        }

        await using var blob = await store.GetAsync(envelope.Claim, cancellationToken);
        await using var gzip = new GZipStream(blob, CompressionMode.Decompress);
        var json = new byte[envelope.Length];
        await gzip.ReadExactlyAsync(json, cancellationToken);
        var extra = new byte[1];
        if (await gzip.ReadAsync(extra, cancellationToken) != 0 || !SHA256.HashData(json).AsSpan().SequenceEqual(Convert.FromHexString(envelope.Sha256)))
        {
            throw new InvalidDataException($"Payload '{envelope.Claim}' does not match its claim ({envelope.Length} bytes, SHA-256 {envelope.Sha256}).");
        }

        return json;
    }

    /// <summary>
    /// The one place this converter blocks on asynchronous I/O. Durable Functions' DataConverter (which
    /// <see cref="DataConverter"/> mirrors) is synchronous, so a blob read or write for a claim must complete
    /// before Serialize/Deserialize return. The operation runs on the thread pool (<see cref="Task.Run(Func{Task})"/>)
    /// so that it never needs the caller's synchronization context — blocking on a continuation that wants the
    /// blocked thread would deadlock — and it is bounded by <see cref="PayloadOptions.StorageTimeout"/> because there
    /// is no caller token to honour. Only values over the inline threshold get here, so the blocked thread is rare.
    /// </summary>
    private T RunBlocking<T>(Func<CancellationToken, Task<T>> operation)
    {
        using var timeout = new CancellationTokenSource(options.StorageTimeout);
        var token = timeout.Token;
        return Task.Run(() => operation(token), token).GetAwaiter().GetResult();
    }
}
