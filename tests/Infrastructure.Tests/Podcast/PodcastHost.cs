using Microsoft.DurableTask.Client;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging.Abstractions;
using Pipeline.Domain;
using Pipeline.Domain.Jobs;
using Pipeline.Domain.Media;
using Pipeline.Domain.Payloads;
using Pipeline.Domain.Podcast;
using Pipeline.Domain.Podcast.Diarization;
using Pipeline.Domain.Podcast.Workflows;
using Pipeline.Infrastructure.Jobs;
using Pipeline.Infrastructure.Media;
using Pipeline.Infrastructure.Podcast;
using Pipeline.Infrastructure.Storage;
using Pipeline.Infrastructure.Tests.Lecture;
using Pipeline.Testing;

namespace Pipeline.Infrastructure.Tests.Podcast;

/// <summary>
/// Pipeline's catalog on the real engine with the local podcast providers, real speech (espeak-ng when installed,
/// else the built-in synthesizer), filesystem blobs and the embedded job store under a temporary folder.
/// </summary>
internal sealed class PodcastHost : IAsyncDisposable
{
    private readonly DirectoryInfo _root;

    private PodcastHost(DirectoryInfo root, TestEngine engine, ISpeechGenerator speech)
    {
        _root = root;
        Engine = engine;
        Speech = speech;
    }

    public TestEngine Engine { get; }

    public ExecutionLog Log => Engine.Log;

    /// <summary>The undecorated speech generator (for enrolling voices).</summary>
    public ISpeechGenerator Speech { get; }

    public IBlobStore Blobs => Engine.Services.GetRequiredService<IBlobStore>();

    public PhaseRecordingJobRepository Jobs => (PhaseRecordingJobRepository)Engine.Services.GetRequiredService<IJobRepository>();

    /// <summary>Starts the host; <paramref name="settings"/> adds configuration (e.g. <c>Pipeline:Diarization:*</c>).</summary>
    public static async Task<PodcastHost> StartAsync(
        Func<ISpeechGenerator, ExecutionLog, ISpeechGenerator>? decorateSpeech = null,
        IReadOnlyDictionary<string, string?>? settings = null)
    {
        var root = Directory.CreateTempSubdirectory("pipeline-podcast-");
        var values = new Dictionary<string, string?>
        {
            ["Pipeline:Storage:FileSystem:RootPath"] = Path.Combine(root.FullName, "blobs"),
            ["Pipeline:Jobs:Embedded:DataRoot"] = Path.Combine(root.FullName, "data"),
        };
        foreach (var (key, value) in settings ?? new Dictionary<string, string?>())
        {
            values[key] = value;
        }

        var configuration = new ConfigurationBuilder().AddInMemoryCollection(values).Build();
        var log = new ExecutionLog();
        var speech = SpeechGeneratorFactory.Create(new MediaOptions(), NullLoggerFactory.Instance);
        var engine = await TestEngine.StartAsync(PipelineCatalog.Create(), log: log, configure: s =>
        {
            s.AddSingleton<IConfiguration>(configuration);
            s.AddSingleton(decorateSpeech?.Invoke(speech, log) ?? speech);
            s.AddPipelineDomain().AddPipelineStorage().AddPipelineJobStore().AddPipelinePodcast();
            s.Decorate<IJobRepository>((inner, _) => new PhaseRecordingJobRepository(inner));
        });
        var host = new PodcastHost(root, engine, speech);
        try
        {
            await LectureHost.StartHostedServicesAsync(engine.Services);
        }
        catch
        {
            await host.DisposeAsync();
            throw;
        }

        return host;
    }

    public async Task<OrchestrationMetadata> RunEpisodeAsync(string jobId, PodcastEpisodeRequest request)
    {
        await CreateRecordAsync(jobId, JobType.PodcastEpisode, request.Title ?? request.Topic);
        return await Engine.RunAsync(nameof(PodcastEpisodeWorkflow), new PodcastEpisodeJob { JobId = jobId, Request = request }, jobId);
    }

    public async Task<OrchestrationMetadata> RunDiarizationAsync(string jobId, DiarizationRequest request)
    {
        await CreateRecordAsync(jobId, JobType.Diarization, request.Audio);
        return await Engine.RunAsync(nameof(DiarizationWorkflow), new DiarizationJob { JobId = jobId, Request = request }, jobId);
    }

    public async Task<byte[]> ReadAsync(string key)
    {
        await using var stream = await Blobs.GetAsync(key);
        using var copy = new MemoryStream();
        await stream.CopyToAsync(copy);
        return copy.ToArray();
    }

    public async ValueTask DisposeAsync()
    {
        await Engine.DisposeAsync();
        SqliteConnection.ClearAllPools();
        _root.Delete(recursive: true);
    }

    private Task CreateRecordAsync(string jobId, string type, string? title) => Jobs.CreateAsync(new JobRecord
    {
        Id = jobId,
        Type = type,
        Request = new JobRequestSummary { Title = title, Sha256 = new string('c', 64) },
        CreatedAt = DateTimeOffset.UnixEpoch,
        UpdatedAt = DateTimeOffset.UnixEpoch,
    });
}
