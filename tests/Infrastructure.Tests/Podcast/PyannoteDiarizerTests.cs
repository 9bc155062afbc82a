using System.Security.Cryptography;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using Pipeline.Domain.Assets;
using Pipeline.Domain.Media;
using Pipeline.Domain.Podcast.Diarization;
using Pipeline.Infrastructure.Podcast;
using Pipeline.Infrastructure.Podcast.Pyannote;

namespace Pipeline.Infrastructure.Tests.Podcast;

/// <summary>The pyannoteAI adapter, as registered, over HTTP against a local server speaking pyannoteAI's routes.</summary>
public sealed class PyannoteDiarizerTests : IAsyncLifetime
{
    private PyannoteProtocolServer _server = null!;
    private ServiceProvider _services = null!;

    public async Task InitializeAsync()
    {
        _server = await PyannoteProtocolServer.StartAsync();
        _services = Services(_server.Endpoint, "test-key");
    }

    public async Task DisposeAsync()
    {
        await _services.DisposeAsync();
        await _server.DisposeAsync();
    }

    private IHostedDiarizer Diarizer => _services.GetRequiredService<IHostedDiarizer>();

    [Fact]
    public async Task UploadAsync_AudioStream_ServerReceivesItByteForByteWithoutTheKey()
    {
        var audio = RandomNumberGenerator.GetBytes((3 * 1024 * 1024) + 17);
        await using var stream = new ForwardOnlyStream(audio);

        var url = await Diarizer.UploadAsync("pipeline/job-1/audio", stream, audio.Length, "audio/wav");

        Assert.Equal("media://pipeline/job-1/audio", url);
        var upload = _server.Uploads["pipeline/job-1/audio"];
        Assert.Equal(Convert.ToHexStringLower(SHA256.HashData(audio)), upload.Sha256);
        Assert.Equal(audio.Length, upload.Length);
        Assert.Equal(audio.Length, upload.ContentLength);
        Assert.Equal("audio/wav", upload.ContentType);
        Assert.False(upload.HadAuthorization);
        Assert.True(stream.MaxRead < audio.Length, "the audio was read in one piece");
    }

    [Fact]
    public async Task UploadAsync_PresignedUrlRefused_TransientNotTheKey()
    {
        _server.Answer("upload", 403, "<Error><Code>AccessDenied</Code><Message>Request has expired</Message></Error>");

        var failure = await Assert.ThrowsAsync<GenerationException>(() => Diarizer.UploadAsync("c", new MemoryStream([1, 2]), 2, "audio/wav"));

        Assert.Equal(FailureKind.Transient, failure.Kind);
        Assert.DoesNotContain("ApiKey", failure.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task GetAsync_RunningThenSucceeded_ReportsEachStatusThenTheSegments()
    {
        _server.RunningPolls = 3;
        var media = await Diarizer.UploadAsync("a", new MemoryStream([1, 2, 3]), 3, "audio/wav");
        var jobId = await Diarizer.StartAsync(media, speakers: 2);

        var statuses = new List<HostedJobStatus>();
        HostedDiarizationJob job;
        do
        {
            job = await Diarizer.GetAsync(jobId);
            statuses.Add(job.Status);
        }
        while (job.Status != HostedJobStatus.Succeeded && statuses.Count < 10);

        Assert.Equal([HostedJobStatus.Pending, HostedJobStatus.Running, HostedJobStatus.Running, HostedJobStatus.Succeeded], statuses);
        Assert.Equal(_server.Segments.Select(s => new DiarizedSegment(s.Start, s.End, s.Speaker)), job.Segments);
        var body = Assert.Single(_server.DiarizeRequests);
        Assert.Equal("media://a", body["url"]!.GetValue<string>());
        Assert.Equal(2, body["numSpeakers"]!.GetValue<int>());
        Assert.Equal("precision-2", body["model"]!.GetValue<string>());
    }

    [Fact]
    public async Task GetAsync_JobFailedAtTheProvider_ReportsTheProvidersReason()
    {
        _server.RunningPolls = 0;
        _server.FailureReason = "The audio file could not be decoded.";
        var media = await Diarizer.UploadAsync("b", new MemoryStream([1]), 1, "audio/wav");

        var job = await Diarizer.GetAsync(await Diarizer.StartAsync(media, null));

        Assert.Equal(HostedJobStatus.Failed, job.Status);
        Assert.Equal("The audio file could not be decoded.", job.Error);
    }

    [Fact]
    public async Task StartAsync_KeyRefused_PermanentNamingTheKeySetting()
    {
        await using var services = Services(_server.Endpoint, "wrong-key");

        var failure = await Assert.ThrowsAsync<GenerationException>(() => services.GetRequiredService<IHostedDiarizer>().StartAsync("media://x", null));

        Assert.Equal(FailureKind.Permanent, failure.Kind);
        Assert.Contains("401", failure.Message, StringComparison.Ordinal);
        Assert.Contains("Pipeline:Diarization:ApiKey", failure.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task GetAsync_RateLimited_TransientWithTheProvidersRetryAfter()
    {
        _server.Answer("jobs", 429, """{"requestId":"r1","message":"Too many requests"}""", retryAfter: "7");

        var failure = await Assert.ThrowsAsync<GenerationException>(() => Diarizer.GetAsync("any"));

        Assert.Equal(FailureKind.Transient, failure.Kind);
        Assert.Equal(TimeSpan.FromSeconds(7), failure.RetryAfter);
        Assert.Contains("Too many requests", failure.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(500, FailureKind.Transient)]
    [InlineData(503, FailureKind.Transient)]
    [InlineData(400, FailureKind.Permanent)]
    [InlineData(402, FailureKind.Permanent)]
    [InlineData(403, FailureKind.Permanent)]
    public async Task StartAsync_ProviderAnswersAnError_ClassifiedByStatus(int status, FailureKind kind)
    {
        _server.Answer("diarize", status, """{"message":"Invalid request","errors":[{"field":"numSpeakers","message":"must be at least 1"}]}""");

        var failure = await Assert.ThrowsAsync<GenerationException>(() => Diarizer.StartAsync("media://x", null));

        Assert.Equal(kind, failure.Kind);
        Assert.Equal(PyannoteDiarizer.ProviderName, failure.Provider);
        Assert.DoesNotContain("Exception", failure.Message, StringComparison.Ordinal);
        if (status == 400)
        {
            Assert.Contains("numSpeakers must be at least 1", failure.Message, StringComparison.Ordinal);
        }
    }

    [Theory]
    [InlineData("""{"jobId":"j","status":"succ""")]
    [InlineData("""{"jobId":"j","status":"exploded"}""")]
    [InlineData("""{"jobId":"j","status":"succeeded","output":{}}""")]
    [InlineData("""{"jobId":"j","status":"succeeded","output":{"diarization":[{"speaker":"A","start":3,"end":1}]}}""")]
    public async Task GetAsync_MalformedAnswer_Unknown(string body)
    {
        _server.Answer("jobs", 200, body);

        var failure = await Assert.ThrowsAsync<GenerationException>(() => Diarizer.GetAsync("j"));

        Assert.Equal(FailureKind.Unknown, failure.Kind);
    }

    [Fact]
    public async Task GetAsync_NothingListens_Transient()
    {
        var endpoint = _server.Endpoint;
        await _server.DisposeAsync();
        await using var services = Services(endpoint, "test-key");

        var failure = await Assert.ThrowsAsync<GenerationException>(() => services.GetRequiredService<IHostedDiarizer>().GetAsync("j"));

        Assert.Equal(FailureKind.Transient, failure.Kind);
        _server = await PyannoteProtocolServer.StartAsync();
    }

    [Fact]
    public void Options_HostedWithoutKey_RefusedNamingTheSetting()
    {
        using var services = Settings(new() { ["Pipeline:Diarization:Provider"] = "PyannoteAI" });

        var failure = Assert.Throws<OptionsValidationException>(() => services.GetRequiredService<IOptions<DiarizationOptions>>().Value);

        Assert.Contains("Pipeline:Diarization:ApiKey is required", failure.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Options_Defaults_LocalEveryFiveSecondsForHalfAnHour()
    {
        using var services = Settings([]);

        var options = services.GetRequiredService<IOptions<DiarizationOptions>>().Value;

        Assert.Equal(DiarizationProvider.Local, options.Provider);
        Assert.Equal(new Uri("https://api.pyannote.ai"), options.Endpoint);
        Assert.Equal(TimeSpan.FromSeconds(5), options.PollInterval);
        Assert.Equal(TimeSpan.FromMinutes(30), options.Timeout);
    }

    [Fact]
    public void Options_PollIntervalOutOfRange_Refused()
    {
        using var services = Settings(new() { ["Pipeline:Diarization:PollInterval"] = "00:00:00.1" });

        var failure = Assert.Throws<OptionsValidationException>(() => services.GetRequiredService<IOptions<DiarizationOptions>>().Value);

        Assert.Contains("PollInterval", failure.Message, StringComparison.Ordinal);
    }

    private static ServiceProvider Services(Uri endpoint, string key) => Settings(new()
    {
        ["Pipeline:Diarization:Provider"] = "PyannoteAI",
        ["Pipeline:Diarization:Endpoint"] = endpoint.ToString(),
        ["Pipeline:Diarization:ApiKey"] = key,
        ["Pipeline:Diarization:Model"] = "precision-2",
        ["Pipeline:Diarization:RequestTimeout"] = "00:00:10",
    });

    private static ServiceProvider Settings(Dictionary<string, string?> settings)
    {
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(settings).Build();
        return new ServiceCollection()
            .AddLogging()
            .AddSingleton<IConfiguration>(configuration)
            .AddPipelinePodcast()
            .BuildServiceProvider();
    }

    /// <summary>A readable, non-seekable stream that records the largest single read (so a whole-buffer read would show).</summary>
    private sealed class ForwardOnlyStream(byte[] data) : Stream
    {
        private int _position;

        public int MaxRead { get; private set; }

        public override bool CanRead => true;

        public override bool CanSeek => false;

        public override bool CanWrite => false;

        public override long Length => throw new NotSupportedException();

        public override long Position { get => throw new NotSupportedException(); set => throw new NotSupportedException(); }

        public override int Read(byte[] buffer, int offset, int count) => Read(buffer.AsSpan(offset, count));

        public override int Read(Span<byte> buffer)
        {
            var n = Math.Min(buffer.Length, data.Length - _position);
            data.AsSpan(_position, n).CopyTo(buffer);
            _position += n;
            MaxRead = Math.Max(MaxRead, n);
            return n;
        }

        public override ValueTask<int> ReadAsync(Memory<byte> buffer, CancellationToken cancellationToken = default) => new(Read(buffer.Span));

        public override Task<int> ReadAsync(byte[] buffer, int offset, int count, CancellationToken cancellationToken) => Task.FromResult(Read(buffer, offset, count));

        public override void Flush()
        {
        }

        public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();

        public override void SetLength(long value) => throw new NotSupportedException();

        public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();
    }
}
