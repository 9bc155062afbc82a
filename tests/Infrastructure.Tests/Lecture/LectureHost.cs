using Microsoft.DurableTask.Client;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Pipeline.Domain;
using Pipeline.Domain.Jobs;
using Pipeline.Domain.Lecture;
using Pipeline.Domain.Payloads;
using Pipeline.Infrastructure.Jobs;
using Pipeline.Infrastructure.Media;
using Pipeline.Infrastructure.Storage;
using Pipeline.Testing;

namespace Pipeline.Infrastructure.Tests.Lecture;

/// <summary>
/// The whole lecture pipeline on the real engine with the real local generators, filesystem blobs and the embedded
/// job store under a temporary folder; small media sizes and a short retry interval keep it fast.
/// </summary>
internal sealed class LectureHost : IAsyncDisposable
{
    private readonly DirectoryInfo _root;

    private LectureHost(DirectoryInfo root, TestEngine engine)
    {
        _root = root;
        Engine = engine;
    }

    public TestEngine Engine { get; }

    public IServiceProvider Services => Engine.Services;

    public IBlobStore Blobs => Services.GetRequiredService<IBlobStore>();

    public IJobRepository Jobs => Services.GetRequiredService<IJobRepository>();

    public static async Task<LectureHost> StartAsync(IDictionary<string, string?>? settings = null, Action<IServiceCollection>? services = null)
    {
        var root = Directory.CreateTempSubdirectory("pipeline-lecture-");
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["Pipeline:Storage:FileSystem:RootPath"] = Path.Combine(root.FullName, "blobs"),
            ["Pipeline:Jobs:Embedded:DataRoot"] = Path.Combine(root.FullName, "data"),
            ["Pipeline:Lecture:ImageWidth"] = "320",
            ["Pipeline:Lecture:ImageHeight"] = "180",
            ["Pipeline:Lecture:Retry:FirstInterval"] = "00:00:00.2",
            ["Pipeline:Media:VideoWidth"] = "160",
            ["Pipeline:Media:VideoHeight"] = "90",
            ["Pipeline:Media:VideoFramesPerSecond"] = "5",
        }).AddInMemoryCollection(settings ?? new Dictionary<string, string?>()).Build();
        var engine = await TestEngine.StartAsync(PipelineCatalog.Create(), s =>
        {
            s.AddSingleton<IConfiguration>(configuration);
            s.AddPipelineDomain().AddPipelineStorage().AddPipelineJobStore().AddPipelineMedia();
            services?.Invoke(s);
        });
        var host = new LectureHost(root, engine);
        try
        {
            await StartHostedServicesAsync(engine.Services);
        }
        catch
        {
            await host.DisposeAsync();
            throw;
        }

        return host;
    }

    /// <summary>Stores the request and starts the job the way the HTTP API does, then runs it to its end.</summary>
    public async Task<OrchestrationMetadata> RunAsTheApiStartsAsync(string jobId, LectureMediaRequest request)
    {
        await Services.GetRequiredService<LectureRequestStore>().SaveAsync(jobId, request, CancellationToken.None);
        return await RunAsync(jobId, request, requestStored: true);
    }

    /// <param name="requestStored">Start as the HTTP API does, with the request already stored (the caller stores it).</param>
    public Task<OrchestrationMetadata> RunAsync(string jobId, LectureMediaRequest request, IReadOnlyList<Domain.Assets.AssetOutcome>? reuse = null, bool requestStored = false)
        => Engine.RunAsync(
            nameof(LectureMediaWorkflow),
            new LectureMediaJob { JobId = jobId, Request = request, Reuse = reuse ?? [], RequestStored = requestStored },
            jobId);

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
        await Engine.DisposeAsync();
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        _root.Delete(recursive: true);
    }

    /// <summary>What a generic host would do at start: validate options and run the initializers (the job store's schema).</summary>
    internal static async Task StartHostedServicesAsync(IServiceProvider services)
    {
        services.GetService<Microsoft.Extensions.Options.IStartupValidator>()?.Validate();
        foreach (var hosted in services.GetServices<IHostedService>())
        {
            await hosted.StartAsync(CancellationToken.None);
        }
    }
}
