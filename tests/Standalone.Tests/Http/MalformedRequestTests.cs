using System.Globalization;
using System.Net;
using System.Text;
using System.Text.Json;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.Extensions.DependencyInjection;
using Pipeline.Domain.Jobs;
using Pipeline.Standalone.Tests.Fakes;

namespace Pipeline.Standalone.Tests.Http;

/// <summary>
/// Requests broken at the HTTP level, sent to the host on a real Kestrel (the in-memory test server has no request
/// limits, no chunk parser and no data rate): each is answered with its own 4xx and a problem naming what was wrong,
/// nothing is stored. A fault of the host's own dependencies is a 5xx whose body carries no internal text.
/// </summary>
public sealed class MalformedRequestTests(MalformedRequestTests.Host host) : IClassFixture<MalformedRequestTests.Host>
{
    public const int BodyLimit = 4 * 1024 * 1024;
    private const string Start = "/api/jobs/lecture-media";

    [Fact]
    public async Task Start_ChunkedBodyOf50MB_Is413NamingTheLimit()
    {
        var response = await RawHttp.SendAsync(host.Address, Head("POST", Start, "Transfer-Encoding: chunked"), RawHttp.Chunked(50L * 1024 * 1024, 64 * 1024));

        var problem = AssertProblem(response, 413);
        Assert.Contains(BodyLimit.ToString(CultureInfo.InvariantCulture), problem.GetProperty("detail").GetString(), StringComparison.Ordinal);
        Assert.Contains("bytes", problem.GetProperty("detail").GetString(), StringComparison.Ordinal);
        Assert.Equal((0, 0, 0), await host.CountStoredAsync());
    }

    [Fact]
    public async Task Start_BodyTricklingAtTwoBytesASecond_Is408NamingTheRate()
    {
        var body = Lectures.Body().ToJsonString();
        var response = await RawHttp.SendAsync(
            host.Address,
            Head("POST", Start, $"Content-Length: {Encoding.UTF8.GetByteCount(body)}"),
            RawHttp.Trickle(body, TimeSpan.FromMilliseconds(500)));

        var problem = AssertProblem(response, 408);
        Assert.Contains("240 bytes per second", problem.GetProperty("detail").GetString(), StringComparison.Ordinal);
        Assert.Equal((0, 0, 0), await host.CountStoredAsync());
    }

    [Fact]
    public async Task Start_ChunkSizeThatIsNotHex_Is400()
    {
        var body = Lectures.Body().ToJsonString();
        var response = await RawHttp.SendAsync(host.Address, Head("POST", Start, "Transfer-Encoding: chunked"), RawHttp.Bytes($"zz\r\n{body}\r\n0\r\n\r\n"));

        var problem = AssertProblem(response, 400);
        Assert.Contains("body", problem.GetProperty("errors").EnumerateObject().Select(e => e.Name));
        Assert.Contains("chunk", problem.GetProperty("detail").GetString(), StringComparison.Ordinal);
        Assert.Equal((0, 0, 0), await host.CountStoredAsync());
    }

    [Fact]
    public async Task Get_RequestLineOver8KB_Is414()
    {
        var response = await RawHttp.SendAsync(host.Address, Head("GET", "/api/jobs/" + new string('a', 9000)));

        AssertStatusAndProblemIfAny(response, 414);
    }

    [Fact]
    public async Task Get_HeadersOver32KB_Is431()
    {
        var response = await RawHttp.SendAsync(host.Address, Head("GET", "/api/jobs", $"X-Padding: {new string('a', 40 * 1024)}"));

        AssertStatusAndProblemIfAny(response, 431);
    }

    [Fact]
    public async Task Start_TextPlainBody_Is415NamingTheType()
    {
        using var http = new HttpClient { BaseAddress = host.Address };
        using var content = new StringContent(Lectures.Body().ToJsonString(), Encoding.UTF8, "text/plain");

        using var response = await http.PostAsync(Start, content);

        var problem = AssertProblem(new RawHttp.Response((int)response.StatusCode, new Dictionary<string, string> { ["content-type"] = response.Content.Headers.ContentType!.ToString() }, await response.Content.ReadAsStringAsync()), 415);
        Assert.Contains("text/plain", problem.GetProperty("detail").GetString(), StringComparison.Ordinal);
        Assert.Equal((0, 0, 0), await host.CountStoredAsync());
    }

    [Fact]
    public async Task Get_JobStoreFails_Is500WithoutInternalText()
    {
        using var http = new HttpClient { BaseAddress = host.Address };

        using var response = await http.GetAsync($"/api/jobs/{FailingJobRepository.Prefix}1");

        var body = await response.Content.ReadAsStringAsync();
        Assert.Equal(HttpStatusCode.InternalServerError, response.StatusCode);
        var problem = AssertProblem(new RawHttp.Response(500, new Dictionary<string, string> { ["content-type"] = response.Content.Headers.ContentType!.ToString() }, body), 500);
        Assert.DoesNotContain(FailingJobRepository.Secret, body, StringComparison.Ordinal);
        Assert.DoesNotContain(nameof(InvalidOperationException), body, StringComparison.Ordinal);
        Assert.DoesNotContain(nameof(FailingJobRepository), body, StringComparison.Ordinal);
        Assert.DoesNotContain(" at ", body, StringComparison.Ordinal);
        Assert.Equal("about:blank", problem.GetProperty("type").GetString());
        Assert.False(string.IsNullOrWhiteSpace(problem.GetProperty("traceId").GetString()));
    }

    private static string Head(string method, string path, params string[] headers)
    {
        var head = new StringBuilder($"{method} {path} HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: application/json\r\nConnection: close\r\n");
        foreach (var header in headers)
        {
            head.Append(header).Append("\r\n");
        }

        return head.Append("\r\n").ToString();
    }

    private static JsonElement AssertProblem(RawHttp.Response response, int status)
    {
        Assert.True(status == response.Status, $"expected {status}, got {response.Status}: {response.Body}");
        Assert.StartsWith("application/problem+json", response.ContentType, StringComparison.Ordinal);
        var problem = Lectures.Parse(response.Body);
        Assert.Equal(status, problem.GetProperty("status").GetInt32());
        Assert.False(string.IsNullOrWhiteSpace(problem.GetProperty("title").GetString()));
        Assert.False(string.IsNullOrWhiteSpace(problem.GetProperty("detail").GetString()));
        return problem;
    }

    /// <summary>Kestrel answers these before any application code runs: the status is its own, the body (if any) ours.</summary>
    private static void AssertStatusAndProblemIfAny(RawHttp.Response response, int status)
    {
        Assert.True(status == response.Status, $"expected {status}, got {response.Status}: {response.Body}");
        if (response.Body.Length > 0)
        {
            AssertProblem(response, status);
        }
    }

    /// <summary>The host on Kestrel on a free loopback port; its job store fails for ids that start with <see cref="FailingJobRepository.Prefix"/>.</summary>
    public sealed class Host : PipelineHostFactory
    {
        public Host()
            : base(
                new Dictionary<string, string?>
                {
                    ["urls"] = "http://127.0.0.1:0",
                    ["Pipeline:Api:MaxRequestBytes"] = BodyLimit.ToString(CultureInfo.InvariantCulture),
                },
                FailingJobRepository.Decorate)
        {
            UseKestrel();
            StartServer();
            Address = new Uri(Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.Single());
        }

        public Uri Address { get; }
    }

    /// <summary>A job store whose backend is down for some ids; it fails with text that must never reach a client.</summary>
    private sealed class FailingJobRepository(IJobRepository inner) : IJobRepository
    {
        public const string Prefix = "store-down-";
        public const string Secret = "AccountKey=c2VjcmV0";

        public static void Decorate(IServiceCollection services)
        {
            var registered = services.Last(d => d.ServiceType == typeof(IJobRepository));
            services.Remove(registered);
            services.AddSingleton<IJobRepository>(provider => new FailingJobRepository(
                registered.ImplementationFactory is { } factory ? (IJobRepository)factory(provider) : (IJobRepository)registered.ImplementationInstance!));
        }

        public Task<JobRecord> CreateAsync(JobRecord record, CancellationToken cancellationToken = default)
        {
            Check(record.Id);
            return inner.CreateAsync(record, cancellationToken);
        }

        public Task<JobRecord?> GetAsync(string jobId, CancellationToken cancellationToken = default)
        {
            Check(jobId);
            return inner.GetAsync(jobId, cancellationToken);
        }

        public Task<JobRecord> UpdateAsync(string jobId, Func<JobRecord, JobRecord> change, CancellationToken cancellationToken = default)
        {
            Check(jobId);
            return inner.UpdateAsync(jobId, change, cancellationToken);
        }

        public Task<JobPage> ListAsync(JobQuery query, CancellationToken cancellationToken = default) => inner.ListAsync(query, cancellationToken);

        public Task<bool> DeleteAsync(string jobId, CancellationToken cancellationToken = default)
        {
            Check(jobId);
            return inner.DeleteAsync(jobId, cancellationToken);
        }

        private static void Check(string jobId)
        {
            if (jobId.StartsWith(Prefix, StringComparison.Ordinal))
            {
                throw new InvalidOperationException($"The job database refused the connection ({Secret}).");
            }
        }
    }
}
