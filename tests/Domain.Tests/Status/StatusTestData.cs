using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using Pipeline.Domain.Assets;
using Microsoft.DurableTask;
using Microsoft.DurableTask.Client;
using Microsoft.DurableTask.Entities;
using Pipeline.Domain.Payloads;
using Pipeline.Domain.Status;

namespace Pipeline.Domain.Tests.Status;

/// <summary>Steps and times for status tests; times are fixed, never read from a clock.</summary>
internal static class StatusTestData
{
    public static readonly DateTimeOffset T0 = new(2026, 3, 1, 9, 0, 0, TimeSpan.Zero);

    public static DateTimeOffset At(long seconds) => T0.AddSeconds(seconds);

    /// <summary>A realistic step: a succeeded one carries its asset's blob reference, a failed one its error.</summary>
    public static StepRecord Step(long sequence, string stage, string assetId, AssetStatus status, int attempt = 1)
        => new()
        {
            Sequence = sequence,
            Stage = stage,
            Name = "Generate" + stage,
            AssetId = assetId,
            Attempt = attempt,
            Status = status,
            StartedAt = At(sequence),
            EndedAt = status == AssetStatus.Running ? null : At(sequence + 1),
            Error = status is AssetStatus.Failed or AssetStatus.Skipped
                ? new AssetError(FailureKind.Transient, "HttpRequestException", $"The provider answered 503 for {assetId}.")
                : null,
            Blob = status == AssetStatus.Succeeded
                ? new BlobRef($"jobs/lecture-0001/{stage}/{assetId}.png", 1_048_576 + sequence, "image/png", Sha256Hex(assetId))
                : null,
        };

    /// <summary><paramref name="count"/> steps from sequence <paramref name="first"/>: each asset runs, then succeeds.</summary>
    public static List<StepRecord> Steps(long first, int count, string stage = "images")
        => [.. Enumerable.Range(0, count).Select(i =>
        {
            var sequence = first + i;
            var asset = string.Create(CultureInfo.InvariantCulture, $"seg-{(sequence + 1) / 2:D5}-img");
            return Step(sequence, stage, asset, sequence % 2 == 1 ? AssetStatus.Running : AssetStatus.Succeeded);
        })];

    public static RecordStepsBatch Batch(IReadOnlyList<StepRecord> steps, string source = "job")
        => new() { Source = source, Steps = steps };

    public static int SizeOf(StepRecord step) => JsonSerializer.SerializeToUtf8Bytes(step, JsonPayloadConverter.Options).Length;

    /// <summary>Counts per stage as the latest status of each asset in the log gives them.</summary>
    public static Dictionary<string, (int Succeeded, int Failed, int InFlight)> CountsFromLog(IEnumerable<StepRecord> log)
        => log.Where(s => s.AssetId is not null)
            .GroupBy(s => (s.Stage, s.AssetId))
            .Select(g => (g.Key.Stage, Latest: g.Last().Status))
            .GroupBy(x => x.Stage)
            .ToDictionary(
                g => g.Key,
                g => (g.Count(x => x.Latest == AssetStatus.Succeeded),
                      g.Count(x => x.Latest is AssetStatus.Failed or AssetStatus.Skipped),
                      g.Count(x => x.Latest == AssetStatus.Running)));

    private static string Sha256Hex(string value) => Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(value)));
}
