using System.Net;
using System.Security.Cryptography;
using System.Text.Json;
using Microsoft.DurableTask.Client;
using Pipeline.Domain.Media;
using Pipeline.Standalone.Tests.Fakes;
using Pipeline.Testing;

namespace Pipeline.Standalone.Tests.Http;

/// <summary>What <c>GET /api/jobs/{id}</c> shows of a job that is still running.</summary>
public sealed class LiveAssetsTests
{
    private static readonly TimeSpan JobTimeout = TimeSpan.FromSeconds(90);

    [Fact]
    public async Task Get_RunningJob_SucceededAssetsHaveUrlSha256AndLengthOfTheirDownloadableBytes()
    {
        var gate = new GenerationGate();
        await using var host = new PipelineHostFactory(services: s => s.Decorate<IMusicGenerator>((inner, _) => gate.Wrap(inner)));
        using var http = host.CreateClient();
        try
        {
            Assert.Equal(HttpStatusCode.Accepted, (await http.PostAsync("/api/jobs/lecture-media", Lectures.Json(Lectures.Body("live-job", stages: ["music", "narration", "images"])))).StatusCode);
            await gate.Entered.WaitAsync(JobTimeout);

            // Music is held, so the job runs on; narration and images finish beside it.
            var job = await Eventually.ReadUntilAsync(
                async () => Lectures.Parse(await http.GetStringAsync("/api/jobs/live-job")),
                j => j.GetProperty("stages").EnumerateArray().Count(s => s.GetProperty("name").GetString() is "images" or "narration" && s.GetProperty("status").GetString() == "Completed") == 2,
                "the narration and images of the running job to succeed",
                JobTimeout);

            Assert.Equal("Running", job.GetProperty("status").GetString());
            var succeeded = Assets(job).Where(a => a.GetProperty("stage").GetString() is "images" or "narration").ToList();
            var totals = job.GetProperty("stages").EnumerateArray().Where(s => s.GetProperty("name").GetString() is "images" or "narration").Sum(s => s.GetProperty("total").GetInt32());
            Assert.Equal(totals, succeeded.Count);
            Assert.True(succeeded.Count >= 4, $"{succeeded.Count} assets");
            Assert.All(succeeded, a => Assert.Equal("Succeeded", a.GetProperty("status").GetString()));
            foreach (var asset in succeeded)
            {
                var id = asset.GetProperty("id").GetString();
                Assert.True(asset.TryGetProperty("url", out var url), $"{id} has no url");
                using var download = await http.GetAsync(new Uri(url.GetString()!).PathAndQuery);
                Assert.Equal(HttpStatusCode.OK, download.StatusCode);
                var bytes = await download.Content.ReadAsByteArrayAsync();
                Assert.Equal(bytes.Length, asset.GetProperty("length").GetInt64());
                Assert.Equal(Convert.ToHexStringLower(SHA256.HashData(bytes)), asset.GetProperty("sha256").GetString());
                Assert.Equal(1, asset.GetProperty("attempts").GetInt32());
            }

            // The held music is not done: nothing of it is shown as stored.
            Assert.DoesNotContain(Assets(job), a => a.GetProperty("stage").GetString() == "music" && a.TryGetProperty("url", out _));
        }
        finally
        {
            gate.Open();
        }

        using var done = new CancellationTokenSource(JobTimeout);
        Assert.Equal(OrchestrationRuntimeStatus.Completed, (await host.Client.WaitForInstanceCompletionAsync("live-job", done.Token)).RuntimeStatus);
    }

    private static List<JsonElement> Assets(JsonElement job) => [.. job.GetProperty("assets").EnumerateArray()];
}
