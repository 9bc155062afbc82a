using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using Microsoft.DurableTask.Client;
using Microsoft.Extensions.DependencyInjection;
using Pipeline.Domain.Media;
using Pipeline.Domain.Podcast;
using Pipeline.Standalone.Tests.Fakes;
using Pipeline.Testing;

namespace Pipeline.Standalone.Tests.Http;

/// <summary>Podcast episodes and diarization through the HTTP API, with the local providers.</summary>
public sealed class PodcastRoutesTests
{
    private static readonly TimeSpan JobTimeout = TimeSpan.FromSeconds(120);

    [Fact]
    public async Task PodcastEpisode_DuringTheRun_EachProgressPhaseIsVisibleThroughTheApiInOrder()
    {
        GenerationGate[] gates = [new(), new(), new(), new()];
        var (outline, script, audio, upload) = (gates[0], gates[1], gates[2], gates[3]);
        await using var host = new PipelineHostFactory(services: s => s
            .Decorate<IPodcastScriptWriter>((inner, _) => new GatedScriptWriter(inner, outline, script))
            .Decorate<ISpeechGenerator>((inner, _) => audio.Wrap(inner))
            .Decorate<IAudioConcatenator>((inner, _) => upload.Wrap(inner)));
        using var http = host.CreateClient();
        var seen = new List<(string? Phase, int Percent)>();
        try
        {
            var started = await http.PostAsync("/api/jobs/podcast-episode", Json(await SampleAsync("podcast-episode.json")));
            Assert.Equal(HttpStatusCode.Accepted, started.StatusCode);
            foreach (var gate in gates)
            {
                await gate.Entered.WaitAsync(JobTimeout);
                var view = await http.GetFromJsonAsync<JsonElement>("/api/jobs/sample-interview");
                Assert.Equal("Running", view.GetProperty("status").GetString());
                seen.Add(Phase(view));
                gate.Open();
            }
        }
        finally
        {
            Array.ForEach(gates, g => g.Open());
        }

        await host.Client.WaitForInstanceCompletionAsync("sample-interview").WaitAsync(JobTimeout);
        var after = await http.GetFromJsonAsync<JsonElement>("/api/jobs/sample-interview");
        Assert.Equal("Completed", after.GetProperty("status").GetString());
        seen.Add(Phase(after));
        Assert.Equal([("outline", 10), ("script", 40), ("audio", 70), ("upload", 90), ("completed", 100)], seen);
    }

    private static (string? Phase, int Percent) Phase(JsonElement view)
    {
        var progress = view.GetProperty("progress");
        return (progress.TryGetProperty("phase", out var phase) ? phase.GetString() : null, progress.GetProperty("percent").GetInt32());
    }

    [Fact]
    public async Task Diarization_OfAGeneratedEpisode_CompletesThroughTheApi()
    {
        await using var host = new PipelineHostFactory();
        using var http = host.CreateClient();
        await http.PostAsync("/api/jobs/podcast-episode", Json(await SampleAsync("podcast-episode.json")));
        var client = host.Client;
        await client.WaitForInstanceCompletionAsync("sample-interview").WaitAsync(JobTimeout);

        var started = await http.PostAsync("/api/jobs/diarization", Json(await SampleAsync("diarization.json")));

        Assert.Equal(HttpStatusCode.Accepted, started.StatusCode);
        var done = await client.WaitForInstanceCompletionAsync("sample-diarization").WaitAsync(JobTimeout);
        Assert.Equal(OrchestrationRuntimeStatus.Completed, done.RuntimeStatus);
        var view = await http.GetFromJsonAsync<JsonElement>("/api/jobs/sample-diarization");
        Assert.Equal("Completed", view.GetProperty("status").GetString());
    }

    [Theory]
    [InlineData("podcast-episode", """{"format":"radio","topic":"x"}""", "format")]
    [InlineData("podcast-episode", """{"format":"interview"}""", "topic")]
    [InlineData("diarization", """{"audio":"../etc/passwd"}""", "audio")]
    [InlineData("diarization", """{}""", "audio")]
    public async Task Start_InvalidPodcastOrDiarizationRequest_Returns400NamingTheField(string type, string body, string field)
    {
        await using var host = new PipelineHostFactory();
        using var http = host.CreateClient();

        var response = await http.PostAsync($"/api/jobs/{type}", Json(body));

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var problem = await response.Content.ReadFromJsonAsync<JsonElement>();
        Assert.True(problem.GetProperty("errors").TryGetProperty(field, out _), problem.ToString());
        Assert.Equal(HttpStatusCode.OK, (await http.GetAsync("/api/jobs")).StatusCode);
    }

    [Fact]
    public async Task Retry_PodcastJob_IsRefusedWithAReason()
    {
        var gate = new GenerationGate();
        await using var host = new PipelineHostFactory(services: s => s.Decorate<ISpeechGenerator>((inner, _) => gate.Wrap(inner)));
        using var http = host.CreateClient();
        await http.PostAsync("/api/jobs/podcast-episode", Json(await SampleAsync("podcast-episode.json")));
        gate.Open();
        await host.Client.WaitForInstanceCompletionAsync("sample-interview").WaitAsync(JobTimeout);

        var retry = await http.PostAsync("/api/jobs/sample-interview/retry", null);

        Assert.Equal(HttpStatusCode.Conflict, retry.StatusCode);
    }

    private static StringContent Json(string body) => new(body, Encoding.UTF8, "application/json");

    private static async Task<string> SampleAsync(string name)
    {
        var directory = new DirectoryInfo(AppContext.BaseDirectory);
        while (directory is not null && !File.Exists(Path.Combine(directory.FullName, "samples", name)))
        {
            directory = directory.Parent;
        }

        return await File.ReadAllTextAsync(Path.Combine(directory?.FullName ?? throw new FileNotFoundException(name), "samples", name));
    }
}
