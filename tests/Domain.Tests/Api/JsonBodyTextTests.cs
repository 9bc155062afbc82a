using System.Text;
using Pipeline.Domain.Api;
using Pipeline.Domain.Lecture;

namespace Pipeline.Domain.Tests.Api;

/// <summary>Bytes that are not UTF-8 and escapes that are not Unicode are each refused with their own message.</summary>
public sealed class JsonBodyTextTests
{
    private const string Body = "{\"lectureId\":\"l\",\"title\":\"How TIDES work\",\"segments\":[{\"index\":0,\"text\":\"hi\"}]}";

    [Fact]
    public void Parse_InvalidUtf8InAString_SaysSoWithTheByteOffset()
    {
        var bytes = Encoding.UTF8.GetBytes(Body);
        var at = Body.IndexOf("TIDES", StringComparison.Ordinal);
        bytes[at] = 0xC3; // a lead byte followed by a byte that does not continue it

        var (request, problem) = JsonBody.Parse<LectureMediaRequest>(bytes, 32);

        Assert.Null(request);
        Assert.Equal(400, problem!.Status);
        var message = Assert.Single(problem.Problem!.Errors!["title"]);
        Assert.Contains("is not valid UTF-8", message, StringComparison.Ordinal);
        Assert.Contains($"0xC3 at offset {at} of the body", message, StringComparison.Ordinal);
        Assert.DoesNotContain("surrogate", message, StringComparison.Ordinal);
    }

    [Fact]
    public void Parse_InvalidUtf8InAPropertyName_SaysSo()
    {
        var bytes = Encoding.UTF8.GetBytes(Body.Replace("\"title\"", "\"tit\u0001e\"", StringComparison.Ordinal));
        var at = Array.IndexOf(bytes, (byte)1);
        bytes[at] = 0xFF; // never valid in UTF-8

        var (_, problem) = JsonBody.Parse<LectureMediaRequest>(bytes, 32);

        var message = Assert.Single(problem!.Problem!.Errors!["body"]);
        Assert.Contains("property name that is not valid UTF-8", message, StringComparison.Ordinal);
        Assert.Contains($"offset {at} of the body", message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("\\ud800")]
    [InlineData("\\udc00 trailing")]
    public void Parse_LoneSurrogateEscape_KeepsItsOwnMessage(string escape)
    {
        var (_, problem) = JsonBody.Parse<LectureMediaRequest>(Encoding.UTF8.GetBytes(Body.Replace("How TIDES work", escape, StringComparison.Ordinal)), 32);

        var message = Assert.Single(problem!.Problem!.Errors!["title"]);
        Assert.Contains("lone surrogate", message, StringComparison.Ordinal);
        Assert.DoesNotContain("UTF-8", message, StringComparison.Ordinal);
    }
}
