using Microsoft.Data.Sqlite;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging.Abstractions;
using Pipeline.Domain;
using Pipeline.Domain.Durable;
using Pipeline.Domain.Jobs;
using Pipeline.Domain.Media;
using Pipeline.Domain.Payloads;
using Pipeline.Domain.Podcast;
using Pipeline.Domain.Podcast.Diarization;
using Pipeline.Domain.Podcast.Workflows;
using Pipeline.Domain.Status;
using Pipeline.Infrastructure.Jobs;
using Pipeline.Infrastructure.Media;
using Pipeline.Infrastructure.Podcast;
using Pipeline.Testing;

namespace Pipeline.Infrastructure.Tests.Podcast;

/// <summary>
/// Pipeline's catalog on the test runtime with the local podcast providers, real speech (espeak-ng when installed,
/// else the built-in synthesizer), in-memory blobs and the embedded SQLite job store.
/// </summary>
internal sealed class PodcastHost : IAsyncDisposable
{
    private readonly string _dataRoot = Path.Combine(Path.GetTempPath(), "pipeline-podcast-" + Guid.NewGuid().ToString("N"));

    public PodcastHost(Func<ISpeechGenerator, ExecutionLog, ISpeechGenerator>? decorateSpeech = null)
    {
        Log = new ExecutionLog();
        Speech = SpeechGeneratorFactory.Create(new MediaOptions(), NullLoggerFactory.Instance);
        var speech = decorateSpeech?.Invoke(Speech, Log) ?? Speech;
        Jobs = new PhaseRecordingJobRepository(new JobRecordStore(
            new SqliteJobDocumentStore(Path.Combine(_dataRoot, "jobs.db")), Blobs, new JobRecordStoreOptions(), TimeProvider.System));
        Runtime = new TestRuntime(PipelineCatalog.Create(), log: Log, services: s => s
            .AddSingleton<IBlobStore>(Blobs)
            .AddSingleton<IJobRepository>(Jobs)
            .AddSingleton(speech)
            .AddSingleton<IPodcastScriptWriter, LocalScriptWriter>()
            .AddSingleton<IAudioConcatenator, WavConcatenator>()
            .AddSingleton<IDiarizer, EnergyPitchDiarizer>()
            .AddSingleton<ISpeakerIdentifier, FeatureSpeakerIdentifier>()
            .AddOptions<JobStatusOptions>());
    }

    public TestRuntime Runtime { get; }

    public ExecutionLog Log { get; }

    /// <summary>The undecorated speech generator (for enrolling voices).</summary>
    public ISpeechGenerator Speech { get; }

    public InMemoryBlobStore Blobs { get; } = new();

    public PhaseRecordingJobRepository Jobs { get; }

    public async Task<OrchestrationMetadata> RunEpisodeAsync(string jobId, PodcastEpisodeRequest request)
    {
        await CreateRecordAsync(jobId, JobType.PodcastEpisode, request.Title ?? request.Topic);
        return await Runtime.RunAsync(nameof(PodcastEpisodeWorkflow), new PodcastEpisodeJob { JobId = jobId, Request = request }, jobId);
    }

    public async Task<OrchestrationMetadata> RunDiarizationAsync(string jobId, DiarizationRequest request)
    {
        await CreateRecordAsync(jobId, JobType.Diarization, request.Audio);
        return await Runtime.RunAsync(nameof(DiarizationWorkflow), new DiarizationJob { JobId = jobId, Request = request }, jobId);
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
        await Runtime.DisposeAsync();
        SqliteConnection.ClearAllPools();
        if (Directory.Exists(_dataRoot))
        {
            Directory.Delete(_dataRoot, recursive: true);
        }
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
