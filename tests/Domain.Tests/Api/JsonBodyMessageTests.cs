using System.Text;
using System.Text.RegularExpressions;
using Pipeline.Domain.Api;
using Pipeline.Domain.Lecture;
using Pipeline.Domain.Podcast;
using Pipeline.Domain.Podcast.Diarization;

namespace Pipeline.Domain.Tests.Api;

/// <summary>Every problem a request body can cause speaks of the request (field path, expected kind), never of .NET.</summary>
public sealed partial class JsonBodyMessageTests
{
    public static TheoryData<string, string> LectureBodies() => new()
    {
        { "{\"lectureId\":\"l\",\"title\":\"t\",\"segments\":[{\"index\":\"1\",\"text\":\"hi\"}]}", "segments[0].index" },
        { "{\"lectureId\":\"l\",\"title\":\"t\",\"segments\":[{\"index\":1.5,\"text\":\"hi\"}]}", "segments[0].index" },
        { "{\"lectureId\":\"l\",\"title\":7,\"segments\":[]}", "title" },
        { "{\"lectureId\":\"l\",\"title\":\"t\",\"segments\":{}}", "segments" },
        { "{\"lectureId\":\"l\",\"title\":\"t\",\"segments\":[3]}", "segments[0]" },
        { "{\"lectureId\":\"l\",\"title\":\"t\",\"segments\":[],\"format\":\"interview\"}", "format" },
        { "{\"lectureId\":\"l\",\"title\":\"t\",\"music\":true}", "music" },
        { "{\"lectureId\":\"l\",\"title\":\"t\",\"options\":{\"maxConcurrency\":\"4\"}}", "options.maxConcurrency" },
        { "{\"lectureId\":\"l\",\"title\":\"t\",\"lectureId\":\"m\"}", "body" },
        { "{\"lectureId\":\"l\",\"title\":\"t\",", "body" },
        { "{\"lectureId\":\"l\" \"title\":\"t\"}", "body" },
        { "{'lectureId':'l'}", "body" },
    };

    [Theory]
    [MemberData(nameof(LectureBodies))]
    public void Lecture_BadBody_NamesTheFieldAndNoDotNet(string json, string field)
        => AssertRequestTerms(JsonBody.Parse<LectureMediaRequest>(Encoding.UTF8.GetBytes(json), 32).Problem, field);

    [Theory]
    [InlineData("{\"format\":\"interview\",\"topic\":\"t\",\"host\":\"Ada\"}", "host")]
    [InlineData("{\"format\":\"interview\",\"topic\":\"t\",\"debaters\":{\"name\":\"x\"}}", "debaters")]
    [InlineData("{\"format\":\"interview\",\"topic\":\"t\",\"options\":{\"turns\":true}}", "options.turns")]
    [InlineData("{\"format\":\"interview\",\"topic\":\"t\",\"segments\":[]}", "segments")]
    public void Podcast_BadBody_NamesTheFieldAndNoDotNet(string json, string field)
        => AssertRequestTerms(JsonBody.Parse<PodcastEpisodeRequest>(Encoding.UTF8.GetBytes(json), 32).Problem, field);

    [Theory]
    [InlineData("{\"audio\":[\"a\"]}", "audio")]
    [InlineData("{\"audio\":\"jobs/x/a.wav\",\"speakerRegistry\":[]}", "speakerRegistry")]
    [InlineData("{\"audio\":\"jobs/x/a.wav\",\"title\":\"t\"}", "title")]
    public void Diarization_BadBody_NamesTheFieldAndNoDotNet(string json, string field)
        => AssertRequestTerms(JsonBody.Parse<DiarizationRequest>(Encoding.UTF8.GetBytes(json), 32).Problem, field);

    [Fact]
    public void WrongType_SaysWhatWasExpected()
    {
        var problem = JsonBody.Parse<LectureMediaRequest>(Encoding.UTF8.GetBytes("{\"lectureId\":\"l\",\"title\":\"t\",\"segments\":[{\"index\":\"1\",\"text\":\"hi\"}]}"), 32).Problem;

        Assert.Contains("expected a whole number", Assert.Single(problem!.Problem!.Errors!["segments[0].index"]), StringComparison.Ordinal);
    }

    [Fact]
    public void UnknownField_SaysItIsNotAFieldOfTheRequest()
    {
        var problem = JsonBody.Parse<LectureMediaRequest>(Encoding.UTF8.GetBytes("{\"lectureId\":\"l\",\"format\":\"x\"}"), 32).Problem;

        Assert.Equal("is not a field of this request.", Assert.Single(problem!.Problem!.Errors!["format"]));
    }

    [Theory]
    [InlineData("System.Int32", "a whole number")]
    [InlineData("System.Nullable`1[[System.Int64, System.Private.CoreLib, Version=10.0.0.0]]", "a whole number")]
    [InlineData("System.Double", "a number")]
    [InlineData("System.Boolean", "true or false")]
    [InlineData("System.String[]", "an array")]
    [InlineData("System.Collections.Generic.IReadOnlyList`1[Pipeline.Domain.Lecture.LectureSegment]", "an array")]
    [InlineData("Pipeline.Domain.Lecture.LectureMediaRequest", "a JSON object")]
    public void Expected_FrameworkType_IsAJsonKind(string typeName, string expected)
        => Assert.Equal(expected, JsonBody.Expected(typeName, typeof(LectureMediaRequest).Assembly));

    private static void AssertRequestTerms(ApiResult? problem, string field)
    {
        Assert.NotNull(problem);
        Assert.Equal(400, problem.Status);
        var body = problem.Problem!;
        Assert.True(body.Errors!.ContainsKey(field), $"no error for '{field}': {string.Join("; ", body.Errors.Select(e => $"{e.Key}: {string.Join(" ", e.Value)}"))}");
        foreach (var text in body.Errors.SelectMany(e => e.Value).Append(body.Title).Append(body.Detail))
        {
            Assert.False(DotNetName().IsMatch(text), $"a .NET name leaked into the problem: {text}");
        }
    }

    [GeneratedRegex(@"System\.|Pipeline\.|\.NET|`1|LineNumber|BytePosition|Nullable", RegexOptions.CultureInvariant)]
    private static partial Regex DotNetName();
}
