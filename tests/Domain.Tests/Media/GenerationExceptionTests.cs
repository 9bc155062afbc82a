using Pipeline.Domain.Assets;
using Pipeline.Domain.Media;

namespace Pipeline.Domain.Tests.Media;

public sealed class GenerationExceptionTests
{
    [Theory]
    [InlineData(FailureKind.Transient)]
    [InlineData(FailureKind.Permanent)]
    [InlineData(FailureKind.Unknown)]
    public void ToAssetError_AnyKind_CarriesKindProviderAndMessage(FailureKind kind)
    {
        var error = new GenerationException(kind, "openai-images", "Your request was rejected by the safety system.").ToAssetError();

        Assert.Equal(kind, error.Kind);
        Assert.Equal("GenerationException:openai-images", error.Type);
        Assert.Equal("Your request was rejected by the safety system.", error.Message);
    }

    [Fact]
    public void Factories_EachKind_SetKindAndKeepInnerException()
    {
        var inner = new TimeoutException("read timed out");

        Assert.Equal(FailureKind.Transient, GenerationException.Transient("p", "m", inner).Kind);
        Assert.Same(inner, GenerationException.Transient("p", "m", inner).InnerException);
        Assert.Equal(FailureKind.Permanent, GenerationException.Permanent("p", "m").Kind);
        Assert.Equal(FailureKind.Unknown, GenerationException.Unknown("p", "m").Kind);
        Assert.Equal(FailureKind.Unknown, new GenerationException("m").Kind);
    }
}
