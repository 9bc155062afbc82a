using Microsoft.Extensions.DependencyInjection;
using Pipeline.Domain.Jobs;
using Pipeline.Domain.Media;
using Pipeline.Domain.Payloads;
using Pipeline.Domain.Podcast;
using Pipeline.Domain.Podcast.Diarization;
using Pipeline.Domain.Status;
using Pipeline.Testing;

namespace Pipeline.Domain.Tests.Podcast;

/// <summary>Pipeline's catalog on the real engine with in-memory blobs and records and fake providers.</summary>
internal sealed class PodcastTestHost : IAsyncDisposable
{
    private TestEngine? _engine;

    public TestEngine Engine => _engine ?? throw new InvalidOperationException("Not started.");

    public InMemoryBlobStore Blobs { get; } = new();

    public RecordingJobRepository Jobs { get; } = new();

    public FakeScriptWriter Writer { get; } = new();

    public FakeSpeechGenerator Speech { get; } = new();

    public FakeDiarizer Diarizer { get; } = new();

    public static async Task<PodcastTestHost> StartAsync()
    {
        var host = new PodcastTestHost();
        host._engine = await TestEngine.StartAsync(PipelineCatalog.Create(), s => s
            .AddSingleton<IBlobStore>(host.Blobs)
            .AddSingleton<IJobRepository>(host.Jobs)
            .AddSingleton<JobRecords>()
            .AddSingleton<IPodcastScriptWriter>(host.Writer)
            .AddSingleton<ISpeechGenerator>(host.Speech)
            .AddSingleton<IAudioConcatenator>(new FakeConcatenator())
            .AddSingleton<IDiarizer>(host.Diarizer)
            .AddSingleton<ISpeakerIdentifier>(new FakeSpeakerIdentifier())
            .AddOptions<JobStatusOptions>());
        return host;
    }

    /// <summary>How many times the job's own history scheduled <paramref name="activity"/>.</summary>
    public async Task<int> ScheduledAsync(string jobId, string activity)
        => (await Engine.Engine.HistoryAsync(jobId)).OfType<DurableTask.Core.History.TaskScheduledEvent>().Count(e => e.Name == activity);

    public ValueTask DisposeAsync() => Engine.DisposeAsync();
}
