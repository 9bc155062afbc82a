using DurableTask.Core;

namespace Pipeline.Worker.Tests.Client;

/// <summary>Stays Running until an <see cref="EventName"/> event arrives, then returns "{input}:{event payload}".</summary>
public sealed class ApprovalOrchestration : TaskOrchestration<string, string, string, string>
{
    public const string EventName = "Approval";

    private readonly TaskCompletionSource<string> approval = new();

    public ApprovalOrchestration() => DataConverter = new SdkConverterForCore(ClientHubFixture.Converter);

    public override async Task<string> RunTask(OrchestrationContext context, string input)
        => $"{input}:{await approval.Task}";

    public override void OnEvent(OrchestrationContext context, string name, string input)
    {
        if (name == EventName)
        {
            approval.TrySetResult(input);
        }
    }
}
