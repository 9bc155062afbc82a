using Pipeline.Domain.Durable;

namespace Pipeline.Runtime.Tests.Samples;

/// <summary>3 activities in sequence, then 20 in parallel.</summary>
internal sealed class SequenceThenFanOutWorkflow : Workflow<string, List<string>>
{
    public override async Task<List<string>> RunAsync(IOrchestrationContext context, string input)
    {
        var results = new List<string>();
        for (var i = 0; i < 3; i++)
        {
            results.Add(await context.CallActivityAsync<string>(nameof(EchoActivity), $"{input}-seq-{i}"));
        }

        var parallel = Enumerable.Range(0, 20).Select(i => context.CallActivityAsync<string>(nameof(EchoActivity), $"{input}-par-{i}"));
        results.AddRange(await Task.WhenAll(parallel));
        return results;
    }
}

/// <summary>One flaky activity with a retry policy, next to five siblings without failures.</summary>
internal sealed class RetryWorkflow : Workflow<string, string[]>
{
    public static readonly RetryPolicy Policy = new(maxNumberOfAttempts: 5, firstRetryInterval: TimeSpan.FromSeconds(10), backoffCoefficient: 2.0);

    public override async Task<string[]> RunAsync(IOrchestrationContext context, string input)
    {
        var options = new TaskOptions(Policy);
        var flaky = context.CallActivityAsync<string>(nameof(FlakyActivity), input, options);
        var siblings = Enumerable.Range(0, 5).Select(i => context.CallActivityAsync<string>(nameof(EchoActivity), $"sibling-{i}", options));
        return await Task.WhenAll(siblings.Prepend(flaky));
    }
}

/// <summary>A retry policy whose predicate refuses the failure: one attempt only.</summary>
internal sealed class PermanentFailureWorkflow : Workflow<string, string>
{
    public override async Task<string> RunAsync(IOrchestrationContext context, string input)
    {
        var policy = new RetryPolicy(5, TimeSpan.FromSeconds(1)) { HandleFailure = f => !f.IsCausedBy<InvalidDataException>() };
        try
        {
            return await context.CallActivityAsync<string>(nameof(RejectActivity), input, new TaskOptions(policy));
        }
        catch (TaskFailedException e)
        {
            return $"failed:{e.FailureDetails.ErrorType}:{e.FailureDetails.ErrorMessage}";
        }
    }
}

/// <summary>Activity A, then waits for "go", then activity B. Version 1 of a workflow that later changes.</summary>
internal sealed class VersionOneWorkflow : Workflow<string, string>
{
    public override async Task<string> RunAsync(IOrchestrationContext context, string input)
    {
        var a = await context.CallActivityAsync<string>(nameof(EchoActivity), "a");
        await context.WaitForExternalEvent<string>("go");
        var b = await context.CallActivityAsync<string>(nameof(EchoActivity), "b");
        return a + b;
    }
}

/// <summary>Version 2: the first activity was renamed.</summary>
internal sealed class RenamedActivityWorkflow : Workflow<string, string>
{
    public override async Task<string> RunAsync(IOrchestrationContext context, string input)
    {
        var a = await context.CallActivityAsync<string>(nameof(OtherActivity), "a");
        await context.WaitForExternalEvent<string>("go");
        return a;
    }
}

/// <summary>Version 2: a timer now comes before the first activity.</summary>
internal sealed class ReorderedWorkflow : Workflow<string, string>
{
    public override async Task<string> RunAsync(IOrchestrationContext context, string input)
    {
        await context.CreateTimer(TimeSpan.FromMinutes(1), CancellationToken.None);
        var a = await context.CallActivityAsync<string>(nameof(EchoActivity), "a");
        await context.WaitForExternalEvent<string>("go");
        return a;
    }
}

/// <summary>Calls a child workflow with an explicit instance id.</summary>
internal sealed class ParentWorkflow : Workflow<string, string>
{
    public override async Task<string> RunAsync(IOrchestrationContext context, string input)
    {
        var child = await context.CallSubOrchestratorAsync<string>(nameof(ChildWorkflow), input, new SubOrchestrationOptions($"{context.InstanceId}-child-0"));
        return $"parent({child})";
    }
}

internal sealed class ChildWorkflow : Workflow<string, string>
{
    public override async Task<string> RunAsync(IOrchestrationContext context, string input)
        => $"child({await context.CallActivityAsync<string>(nameof(EchoActivity), input)})";
}

/// <summary>Waits on a durable timer and reports the episode times before and after.</summary>
internal sealed class TimerWorkflow : Workflow<int, DateTime[]>
{
    public override async Task<DateTime[]> RunAsync(IOrchestrationContext context, int minutes)
    {
        var before = context.CurrentUtcDateTime;
        await context.CreateTimer(TimeSpan.FromMinutes(minutes), CancellationToken.None);
        return [before, context.CurrentUtcDateTime];
    }
}

/// <summary>Waits for "approval", optionally with a timeout; reports what happened.</summary>
internal sealed class ApprovalWorkflow : Workflow<int?, string>
{
    public override async Task<string> RunAsync(IOrchestrationContext context, int? timeoutMinutes)
    {
        context.SetCustomStatus(new { stage = "waiting", since = context.CurrentUtcDateTime });
        if (timeoutMinutes is not { } minutes)
        {
            return "approved:" + await context.WaitForExternalEvent<string>("approval");
        }

        try
        {
            return "approved:" + await context.WaitForExternalEvent<string>("approval", TimeSpan.FromMinutes(minutes));
        }
        catch (TaskCanceledException)
        {
            return "timed out";
        }
    }
}

/// <summary>Counts to its target through ContinueAsNew, one activity per execution.</summary>
internal sealed class CountdownWorkflow : Workflow<int[], int>
{
    public override async Task<int> RunAsync(IOrchestrationContext context, int[] input)
    {
        var (current, target) = (input[0], input[1]);
        await context.CallActivityAsync<string>(nameof(EchoActivity), $"count-{current}");
        if (current < target)
        {
            context.ContinueAsNew(new[] { current + 1, target });
        }

        return current;
    }
}

/// <summary>N gated activities in sequence.</summary>
internal sealed class GatedSequenceWorkflow : Workflow<int, int>
{
    public override async Task<int> RunAsync(IOrchestrationContext context, int count)
    {
        var sum = 0;
        for (var i = 0; i < count; i++)
        {
            sum += await context.CallActivityAsync<int>(nameof(GatedActivity), i);
        }

        return sum;
    }
}

/// <summary>Signals a counter entity, then calls it and returns what it read.</summary>
internal sealed class EntityWorkflow : Workflow<string, int>
{
    public override async Task<int> RunAsync(IOrchestrationContext context, string key)
    {
        var id = new EntityInstanceId(nameof(CounterEntity), key);
        await context.Entities.SignalEntityAsync(id, nameof(CounterEntity.Add), 5);
        await context.Entities.SignalEntityAsync(id, nameof(CounterEntity.Add), 7);
        return await context.Entities.CallEntityAsync<int>(id, nameof(CounterEntity.Get));
    }
}

/// <summary>Uses NewGuid twice; the values must survive replay unchanged.</summary>
internal sealed class GuidWorkflow : Workflow<string, string[]>
{
    public override async Task<string[]> RunAsync(IOrchestrationContext context, string input)
    {
        var first = context.NewGuid();
        await context.CallActivityAsync<string>(nameof(EchoActivity), first.ToString());
        var second = context.NewGuid();
        await context.CallActivityAsync<string>(nameof(EchoActivity), second.ToString());
        return [first.ToString(), second.ToString()];
    }
}
