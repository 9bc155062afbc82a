using Pipeline.Domain.Media;

namespace Pipeline.Domain.Tests.Media;

public sealed class VoiceProfileTests
{
    [Theory]
    [InlineData(0, 80)]
    [InlineData(99, 450)]
    [InlineData(50, 160)]
    public void Problem_InRange_IsNull(int pitch, int speed)
    {
        Assert.Null(new VoiceProfile { Name = "alloy", Pitch = pitch, SpeedWordsPerMinute = speed }.Problem);
    }

    [Theory]
    [InlineData("alloy", -1, 160, "Pitch")]
    [InlineData("alloy", 100, 160, "Pitch")]
    [InlineData("alloy", 50, 79, "Speed")]
    [InlineData("alloy", 50, 451, "Speed")]
    [InlineData(" ", 50, 160, "name")]
    public void Problem_OutOfRange_NamesWhatIsWrong(string name, int pitch, int speed, string expected)
    {
        var problem = new VoiceProfile { Name = name, Pitch = pitch, SpeedWordsPerMinute = speed }.Problem;

        Assert.NotNull(problem);
        Assert.Contains(expected, problem, StringComparison.Ordinal);
    }
}
