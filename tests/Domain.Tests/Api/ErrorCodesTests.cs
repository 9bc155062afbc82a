using Pipeline.Domain.Assets;

namespace Pipeline.Domain.Tests.Api;

/// <summary>The <c>type</c> of a failure in the API is a code in the request's terms, never a .NET type name.</summary>
public sealed class ErrorCodesTests
{
    [Theory]
    [InlineData("Pipeline.Domain.Assets.TransientAssetException", ErrorCodes.Transient)]
    [InlineData("Pipeline.Domain.Assets.PermanentAssetException", ErrorCodes.Permanent)]
    [InlineData("Pipeline.Domain.Assets.UnknownAssetException", ErrorCodes.Unknown)]
    [InlineData("System.TimeoutException", ErrorCodes.Timeout)]
    [InlineData("System.Threading.Tasks.TaskCanceledException", ErrorCodes.Timeout)]
    [InlineData("DurableTask.Core.Exceptions.NonDeterministicOrchestrationException", ErrorCodes.NonDeterministic)]
    [InlineData("Pipeline.Domain.Payloads.PayloadTooLargeException", "payload-too-large")]
    [InlineData("System.NullReferenceException", ErrorCodes.Internal)]
    [InlineData("Microsoft.DurableTask.TaskFailedException", ErrorCodes.Internal)]
    [InlineData("", ErrorCodes.Internal)]
    [InlineData(null, ErrorCodes.Internal)]
    [InlineData("Cancelled", "Cancelled")]
    [InlineData("fault-injection", "fault-injection")]
    public void Of_EngineErrorType_IsACode(string? errorType, string code) => Assert.Equal(code, ErrorCodes.Of(errorType));
}
