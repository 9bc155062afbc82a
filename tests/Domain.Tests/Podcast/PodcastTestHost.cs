using Microsoft.Extensions.DependencyInjection;
using Pipeline.Domain.Jobs;
using Pipeline.Domain.Media;
using Pipeline.Domain.Payloads;
using Pipeline.Domain.Podcast;
using Pipeline.Domain.Podcast.Diarization;
using Pipeline.Domain.Status;
using Pipeline.Testing;

namespace Pipeline.Domain.Tests.Podcast;

/// <summary>Pipeline's catalog on the test runtime with in-memory blobs and records and fake providers.</summary>
internal sealed class PodcastTestHost : IAsyncDisposable
{
    public PodcastTestHost()
    {
        Runtime = new TestRuntime(PipelineCatalog.Create(), services: s => s
            .AddSingleton<IBlobStore>(Blobs)
            .AddSingleton<IJobRepository>(Jobs)
            .AddSingleton<Pipeline.Domain.Jobs.JobRecords>()
            .AddSingleton<IPodcastScriptWriter>(Writer)
            .AddSingleton<ISpeechGenerator>(Speech)
            .AddSingleton<IAudioConcatenator>(new FakeConcatenator())
            .AddSingleton<IDiarizer>(Diarizer)
            .AddSingleton<ISpeakerIdentifier>(new FakeSpeakerIdentifier())
            .AddOptions<JobStatusOptions>());
    }

    public TestRuntime Runtime { get; }

    public InMemoryBlobStore Blobs { get; } = new();

    public RecordingJobRepository Jobs { get; } = new();

    public FakeScriptWriter Writer { get; } = new();

    public FakeSpeechGenerator Speech { get; } = new();

    public FakeDiarizer Diarizer { get; } = new();

    /// <summary>History bytes of the job's instance and of every child instance it started.</summary>
    public long HistoryBytesOfJob(string jobId)
        => Runtime.Runtime.ListInstances()
            .Where(i => i.InstanceId == jobId || i.InstanceId.StartsWith(jobId + ":", StringComparison.Ordinal))
            .Sum(i => Runtime.Runtime.GetCounters(i.InstanceId)!.HistoryBytes);

    public ValueTask DisposeAsync() => Runtime.DisposeAsync();
}
