using System.Net;
using Pipeline.Standalone.Hosting;
using Pipeline.Standalone.Tests.Fakes;

namespace Pipeline.Standalone.Tests.Http;

public sealed class ApiKeyTests
{
    private const string Key = "a-long-enough-test-key-0123456789";

    [Theory]
    [InlineData("http://0.0.0.0:7071")]
    [InlineData("http://*:7071")]
    [InlineData("http://192.168.1.20:7071;http://127.0.0.1:7072")]
    public async Task Start_NonLoopbackAddressWithoutKey_RefusesToStart(string urls)
    {
        await using var host = new PipelineHostFactory(new Dictionary<string, string?> { ["urls"] = urls });

        var refused = Assert.ThrowsAny<Exception>(() => host.CreateClient());

        Assert.Contains("Pipeline:Api:Key", refused.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Start_HttpPortsWithoutKey_RefusesToStart()
    {
        await using var host = new PipelineHostFactory(new Dictionary<string, string?> { ["http_ports"] = "8080" });

        Assert.Contains("Pipeline:Api:Key", Assert.ThrowsAny<Exception>(() => host.CreateClient()).ToString(), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("http://127.0.0.1:7071")]
    [InlineData("http://localhost:7071")]
    [InlineData("http://[::1]:7071")]
    public async Task Start_LoopbackWithoutKey_ServesWithoutAKey(string urls)
    {
        await using var host = new PipelineHostFactory(new Dictionary<string, string?> { ["urls"] = urls });
        using var http = host.CreateClient();

        Assert.Equal(HttpStatusCode.OK, (await http.GetAsync("/api/jobs")).StatusCode);
    }

    [Fact]
    public async Task Request_WithKeyConfigured_NeedsTheKeyInHeaderOrQuery()
    {
        await using var host = new PipelineHostFactory(new Dictionary<string, string?> { ["urls"] = "http://0.0.0.0:7071", ["Pipeline:Api:Key"] = Key });
        using var http = host.CreateClient();

        var none = await http.GetAsync("/api/jobs");
        using var wrong = new HttpRequestMessage(HttpMethod.Get, "/api/jobs") { Headers = { { ApiKeyOptions.HeaderName, Key[..^1] + "X" } } };
        using var right = new HttpRequestMessage(HttpMethod.Get, "/api/jobs") { Headers = { { ApiKeyOptions.HeaderName, Key } } };

        Assert.Equal(HttpStatusCode.Unauthorized, none.StatusCode);
        Assert.Equal("application/problem+json", none.Content.Headers.ContentType!.MediaType);
        Assert.Equal(HttpStatusCode.Unauthorized, (await http.SendAsync(wrong)).StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, (await http.GetAsync("/api/health")).StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, (await http.PostAsync("/api/jobs/lecture-media", Lectures.Json(Lectures.Body("no-key")))).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await http.SendAsync(right)).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await http.GetAsync($"/api/jobs?code={Uri.EscapeDataString(Key)}")).StatusCode);
        Assert.Equal((0, 0, 0), await host.CountStoredAsync());
    }

    [Fact]
    public async Task Start_KeyTooShort_RefusesToStart()
    {
        await using var host = new PipelineHostFactory(new Dictionary<string, string?> { ["Pipeline:Api:Key"] = "short" });

        Assert.Contains("at least 16", Assert.ThrowsAny<Exception>(() => host.CreateClient()).ToString(), StringComparison.Ordinal);
    }
}
