using System.Collections.Concurrent;
using System.Diagnostics;
using System.Security.Cryptography;
using System.Text.Json;
using Microsoft.DurableTask;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Pipeline.Domain.Activities;
using Pipeline.Domain.Assets;
using Pipeline.Domain.Durable;
using Pipeline.Domain.Media;
using Pipeline.Domain.Payloads;

namespace Pipeline.Standalone.Telemetry;

/// <summary>
/// Runs an activity inside a span and a logging scope carrying the job id, and records its duration, retries and
/// failures by kind. A retry is an input that names an attempt after the first (<see cref="IAttemptNumbered"/>, as a
/// fan-out's are), or an input this process has run before (calls retried by an SDK policy). The host registers every activity of the catalog through it, under the activity's own name; the
/// engine creates it in the activity execution's DI scope, and it creates the wrapped SDK activity in the same scope.
/// It reports the wrapped activity's input and output types, so the SDK shim (de)serializes exactly as for the
/// activity itself.
/// </summary>
public sealed class InstrumentedActivity<TActivity>(IServiceProvider services, PipelineTelemetry telemetry, ILogger<TActivity> logger) : ITaskActivity
    where TActivity : ITaskActivity
{
    private const int MaxRemembered = 100_000;

    private static readonly ConcurrentDictionary<string, byte> Seen = new(StringComparer.Ordinal);

    private readonly TActivity _inner = ActivatorUtilities.CreateInstance<TActivity>(services);

    public Type InputType => _inner.InputType;

    public Type OutputType => _inner.OutputType;

    public async Task<object?> RunAsync(TaskActivityContext context, object? input)
    {
        var name = typeof(TActivity).Name;
        var jobId = PayloadScope.CurrentJobId ?? JobIdOf(context.InstanceId);
        using var scope = jobId is null ? null : logger.BeginScope(new Dictionary<string, object> { ["JobId"] = jobId });
        using var span = PipelineTelemetry.Source.StartActivity(name);
        span?.SetTag("pipeline.job_id", jobId);
        var tags = new TagList { { "activity", name } };
        telemetry.Executions.Add(1, tags);
        if (input is IAttemptNumbered { Attempt: > 1 } || IsRepeat(name, input))
        {
            telemetry.Retries.Add(1, tags);
        }

        var started = Stopwatch.GetTimestamp();
        try
        {
            var output = await _inner.RunAsync(context, input);
            if (output is AssetOutcome { Status: AssetStatus.Failed, Error: { } error })
            {
                Fail(tags, error.Kind, span);
            }

            return output;
        }
        catch (Exception e)
        {
            Fail(tags, KindOf(e), span);
            throw;
        }
        finally
        {
            telemetry.ActivityDuration.Record(Stopwatch.GetElapsedTime(started).TotalSeconds, tags);
        }
    }

    /// <summary>The job an instance belongs to: its id is the job id, or starts with it (sub-orchestrations).</summary>
    private static string? JobIdOf(string? instanceId)
    {
        if (string.IsNullOrEmpty(instanceId))
        {
            return null;
        }

        var cut = instanceId.IndexOf(':', StringComparison.Ordinal);
        var candidate = cut < 0 ? instanceId : instanceId[..cut];
        return Pipeline.Domain.Jobs.JobId.IsValid(candidate) ? candidate : null;
    }

    private void Fail(TagList tags, FailureKind kind, Activity? span)
    {
        tags.Add("kind", kind.ToString().ToLowerInvariant());
        telemetry.Failures.Add(1, tags);
        span?.SetStatus(ActivityStatusCode.Error, kind.ToString());
    }

    private static FailureKind KindOf(Exception e) => e switch
    {
        AssetFailureException asset => asset.Kind,
        GenerationException generation => generation.Kind,
        _ => FailureKind.Unknown,
    };

    private bool IsRepeat(string name, object? input)
    {
        var json = JsonSerializer.SerializeToUtf8Bytes(input, InputType, JsonPayloadConverter.Options);
        var key = name + ":" + Convert.ToHexString(SHA256.HashData(json));
        if (Seen.Count >= MaxRemembered)
        {
            Seen.Clear();
        }

        return !Seen.TryAdd(key, 0);
    }
}
