using System.Globalization;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Pipeline.Domain;
using Pipeline.Domain.Durable;
using Pipeline.Domain.Jobs;
using Pipeline.Domain.Lecture;
using Pipeline.Domain.Payloads;
using Pipeline.Domain.Workflows;
using Pipeline.Infrastructure.Jobs;
using Pipeline.Infrastructure.Media;
using Pipeline.Infrastructure.Storage;
using Pipeline.Runtime.Testing;
using Pipeline.Testing;

namespace Pipeline.Infrastructure.Tests.Lecture;

/// <summary>
/// The whole lecture pipeline on the in-process runtime with the real local generators, filesystem blobs and the
/// embedded job store under a temporary folder; small media sizes keep it fast.
/// </summary>
internal sealed class LectureHost : IAsyncDisposable
{
    private readonly DirectoryInfo _root = Directory.CreateTempSubdirectory("pipeline-lecture-");

    public LectureHost(IDictionary<string, string?>? settings = null, Action<IServiceCollection>? services = null)
    {
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["Pipeline:Storage:FileSystem:RootPath"] = Path.Combine(_root.FullName, "blobs"),
            ["Pipeline:Jobs:Embedded:DataRoot"] = Path.Combine(_root.FullName, "data"),
            ["Pipeline:Lecture:ImageWidth"] = "320",
            ["Pipeline:Lecture:ImageHeight"] = "180",
            ["Pipeline:Lecture:Retry:FirstInterval"] = "00:00:02",
            ["Pipeline:Media:VideoWidth"] = "160",
            ["Pipeline:Media:VideoHeight"] = "90",
            ["Pipeline:Media:VideoFramesPerSecond"] = "5",
        }.Concat(settings ?? new Dictionary<string, string?>())).Build();
        Runtime = new TestRuntime(PipelineCatalog.Create(), services: s =>
        {
            s.AddSingleton<IConfiguration>(configuration).AddLogging();
            s.AddPipelineDomain().AddPipelineStorage().AddPipelineJobStore().AddPipelineMedia();
            services?.Invoke(s);
        }, maxConcurrentActivities: 8);
    }

    public TestRuntime Runtime { get; }

    /// <summary>
    /// A host whose generator calls each take a seeded lognormal latency (σ = 1, the given median) on the virtual
    /// clock, as a hosted provider's would: the run spreads over virtual time as it would in production.
    /// </summary>
    public static LectureHost WithProviderLatency(TimeSpan median, TimeSpan? statusReportInterval = null) => new(
        new Dictionary<string, string?>
        {
            ["Pipeline:Media:FaultInjection:Enabled"] = "true",
            ["Pipeline:Media:FaultInjection:Latency:Distribution"] = "LogNormal",
            ["Pipeline:Media:FaultInjection:Latency:Mu"] = Math.Log(median.TotalMilliseconds).ToString("R", CultureInfo.InvariantCulture),
            ["Pipeline:Media:FaultInjection:Latency:Sigma"] = "1",
            ["Pipeline:Lecture:StatusReportInterval"] = (statusReportInterval ?? FanOutRequest.DefaultReportInterval).ToString("c", CultureInfo.InvariantCulture),
        },
        s => s.AddSingleton<TimeProvider>(sp => sp.GetRequiredService<VirtualActivityClock>().AsTimeProvider()));

    /// <summary>Stores the request and starts the job the way the HTTP API does, then runs it to its end.</summary>
    public async Task<OrchestrationMetadata> RunAsTheApiStartsAsync(string jobId, LectureMediaRequest request)
    {
        await Services.GetRequiredService<LectureRequestStore>().SaveAsync(jobId, request, CancellationToken.None);
        return await RunAsync(jobId, request, requestStored: true);
    }

    public IServiceProvider Services => Runtime.Services;

    public IBlobStore Blobs => Services.GetRequiredService<IBlobStore>();

    public IJobRepository Jobs => Services.GetRequiredService<IJobRepository>();

    /// <param name="requestStored">Start as the HTTP API does, with the request already stored (the caller stores it).</param>
    public async Task<OrchestrationMetadata> RunAsync(string jobId, LectureMediaRequest request, IReadOnlyList<Domain.Assets.AssetOutcome>? reuse = null, bool requestStored = false)
    {
        await Runtime.Client.ScheduleNewOrchestrationInstanceAsync(
            nameof(LectureMediaWorkflow),
            new LectureMediaJob { JobId = jobId, Request = request, Reuse = reuse ?? [], RequestStored = requestStored },
            new StartOrchestrationOptions(jobId));
        return await Runtime.CompleteAsync(jobId);
    }

    public static LectureMediaRequest Lecture(int segments, bool givenPrompts = false, Func<int, string?>? videoPrompt = null) => new()
    {
        LectureId = "lecture-1",
        Title = "How tides work",
        Segments = [.. Enumerable.Range(0, segments).Select(i => new LectureSegment
        {
            Index = i,
            Text = $"Segment {i}. The moon pulls the oceans, and the earth turns beneath the bulge of water twice a day.",
            ImagePrompts = givenPrompts ? [$"tide diagram {i}", $"moon over the sea {i}"] : null,
            VideoPrompt = videoPrompt?.Invoke(i),
        })],
        Music = new LectureMusic { Prompt = "calm ocean ambience", DurationSeconds = 3 },
    };

    public async ValueTask DisposeAsync()
    {
        await Runtime.DisposeAsync();
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        _root.Delete(recursive: true);
    }
}
