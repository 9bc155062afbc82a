using System.Text;
using Pipeline.Domain.Api;
using Pipeline.Domain.Lecture;

namespace Pipeline.Domain.Tests.Api;

public sealed class JsonBodyTests
{
    private const string Valid = "{\"lectureId\":\"l\",\"title\":\"t\",\"segments\":[{\"index\":0,\"text\":\"hi\"}]}";

    [Fact]
    public void Parse_ValidBody_ReturnsTheRequest()
    {
        var (request, problem) = JsonBody.Parse<LectureMediaRequest>(Encoding.UTF8.GetBytes(Valid), 32);

        Assert.Null(problem);
        Assert.Equal("hi", request!.Segments![0].Text);
    }

    [Theory]
    [InlineData("{\"lectureId\":\"l\",\"title\":\"t\",\"segments\":[{\"index\":\"1\",\"text\":\"hi\"}]}", "segments[0].index")]
    [InlineData("{\"lectureId\":\"l\",\"title\":\"t\",\"segments\":[],\"extra\":1}", "extra")]
    [InlineData("{\"lectureId\":\"l\",\"title\":\"\\ud800\",\"segments\":[]}", "title")]
    [InlineData("[1,2]", "body")]
    [InlineData("", "body")]
    public void Parse_BadBody_NamesTheField(string json, string field)
    {
        var (request, problem) = JsonBody.Parse<LectureMediaRequest>(Encoding.UTF8.GetBytes(json), 32);

        Assert.Null(request);
        Assert.Equal(400, problem!.Status);
        Assert.Contains(field, problem.Problem!.Errors!.Keys);
    }

    [Fact]
    public void Parse_TooDeep_Is400()
    {
        var json = "{\"lectureId\":" + new string('[', 40) + new string(']', 40) + "}";

        var (_, problem) = JsonBody.Parse<LectureMediaRequest>(Encoding.UTF8.GetBytes(json), 32);

        Assert.Equal(400, problem!.Status);
    }

    [Theory]
    [InlineData("$.segments[3].text", "segments[3].text")]
    [InlineData("$", "body")]
    [InlineData(null, "body")]
    public void FieldOf_JsonPath_IsTheApiFieldPath(string? path, string field) => Assert.Equal(field, JsonBody.FieldOf(path));

    [Fact]
    public async Task ReadLimitedAsync_OverTheLimit_ReturnsNull()
    {
        using var small = new MemoryStream(new byte[1024]);
        using var large = new MemoryStream(new byte[1025]);

        Assert.NotNull(await JsonBody.ReadLimitedAsync(small, 1024, CancellationToken.None));
        Assert.Null(await JsonBody.ReadLimitedAsync(large, 1024, CancellationToken.None));
    }
}
