using DurableTask.Core;

namespace Pipeline.Worker.Tests.Client;

/// <summary>Depth levels of sub-orchestrations, Width children each; a leaf greets, or waits for approval if asked.</summary>
public sealed record FamilyInput(int Depth, int Width, bool LeavesWait);

public sealed class FamilyOrchestration : TaskOrchestration<int, FamilyInput, string, string>
{
    public FamilyOrchestration() => DataConverter = new SdkConverterForCore(ClientHubFixture.Converter);

    /// <summary>The instance id of child <paramref name="index"/> of <paramref name="parentId"/>.</summary>
    public static string ChildId(string parentId, int index) => $"{parentId}-{index}";

    public override async Task<int> RunTask(OrchestrationContext context, FamilyInput input)
    {
        var self = context.OrchestrationInstance.InstanceId;
        if (input.Depth == 0)
        {
            if (input.LeavesWait)
            {
                await context.CreateSubOrchestrationInstance<string>(typeof(ApprovalOrchestration), ChildId(self, 0), "leaf");
            }
            else
            {
                await context.ScheduleTask<string>(typeof(GreetActivity), self);
            }

            return 1;
        }

        var children = Enumerable.Range(0, input.Width)
            .Select(i => context.CreateSubOrchestrationInstance<int>(
                typeof(FamilyOrchestration), ChildId(self, i), input with { Depth = input.Depth - 1 }));
        return 1 + (await Task.WhenAll(children)).Sum();
    }
}
