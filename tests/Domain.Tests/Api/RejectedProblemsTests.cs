using Pipeline.Domain.Api;

namespace Pipeline.Domain.Tests.Api;

/// <summary>The problems both hosts answer for requests the HTTP server refused, and for their own faults.</summary>
public sealed class RejectedProblemsTests
{
    [Theory]
    [InlineData(400)]
    [InlineData(408)]
    [InlineData(411)]
    [InlineData(413)]
    [InlineData(414)]
    [InlineData(415)]
    [InlineData(431)]
    [InlineData(417)]
    public void Rejected_ClientStatus_KeepsTheStatusWithAProblem(int status)
    {
        var result = Problems.Rejected(status, 1024);

        Assert.Equal(status, result.Status);
        Assert.Equal(status, result.Problem!.Status);
        Assert.False(string.IsNullOrWhiteSpace(result.Problem.Title));
        Assert.False(string.IsNullOrWhiteSpace(result.Problem.Detail));
    }

    [Fact]
    public void Rejected_BadFraming_NamesTheBody()
    {
        var problem = Problems.Rejected(400, 1024).Problem!;

        Assert.Contains("chunk", Assert.Single(problem.Errors!["body"]), StringComparison.Ordinal);
    }

    [Fact]
    public void Rejected_TooLarge_NamesTheLimitInBytes()
        => Assert.Contains("4194304 bytes", Problems.Rejected(413, 4194304).Problem!.Detail, StringComparison.Ordinal);

    [Fact]
    public void Rejected_TooSlow_NamesTheRateAndGrace()
    {
        var detail = Problems.Rejected(408, 1024, 240, TimeSpan.FromSeconds(5)).Problem!.Detail;

        Assert.Contains("240 bytes per second", detail, StringComparison.Ordinal);
        Assert.Contains("5 s", detail, StringComparison.Ordinal);
    }

    [Fact]
    public void Internal_CarriesTheTraceIdAndNoOtherText()
    {
        var problem = Problems.Internal("00-abc-def-01").Problem!;

        Assert.Equal(500, problem.Status);
        Assert.Equal("00-abc-def-01", problem.TraceId);
        Assert.Contains("00-abc-def-01", problem.Detail, StringComparison.Ordinal);
        Assert.Null(problem.Errors);
    }
}
