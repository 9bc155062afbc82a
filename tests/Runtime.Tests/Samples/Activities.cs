using Pipeline.Domain.Durable;
using Pipeline.Runtime.Tests.Support;
using Pipeline.Testing;

namespace Pipeline.Runtime.Tests.Samples;

/// <summary>Records its execution and echoes its input.</summary>
internal sealed class EchoActivity(ExecutionLog log) : Activity<string, string>
{
    public override Task<string> RunAsync(string input, CancellationToken cancellationToken)
    {
        log.Record(input);
        return Task.FromResult($"echo:{input}");
    }
}

/// <summary>Also echoes; exists so a workflow change can rename an activity.</summary>
internal sealed class OtherActivity(ExecutionLog log) : Activity<string, string>
{
    public override Task<string> RunAsync(string input, CancellationToken cancellationToken)
    {
        log.Record("other:" + input);
        return Task.FromResult($"other:{input}");
    }
}

/// <summary>Fails with a transient error on its first two executions per input, then succeeds.</summary>
internal sealed class FlakyActivity(ExecutionLog log) : Activity<string, string>
{
    public override Task<string> RunAsync(string input, CancellationToken cancellationToken)
    {
        var attempt = log.Record(input);
        return attempt <= 2
            ? throw new TimeoutException($"transient failure {attempt} for {input}")
            : Task.FromResult($"ok:{input}:{attempt}");
    }
}

/// <summary>Always fails with a permanent error.</summary>
internal sealed class RejectActivity(ExecutionLog log) : Activity<string, string>
{
    public override Task<string> RunAsync(string input, CancellationToken cancellationToken)
    {
        log.Record(input);
        throw new InvalidDataException($"{input} is refused");
    }
}

/// <summary>Blocks on its gate for one chosen input, so a test can stop the runtime while it runs.</summary>
internal sealed class GatedActivity(ExecutionLog log, ActivityGate gate) : Activity<int, int>
{
    public override async Task<int> RunAsync(int input, CancellationToken cancellationToken)
    {
        log.Record($"step-{input}");
        if (input == gate.BlockAt)
        {
            gate.Reached.TrySetResult();
            await gate.Release.Task.WaitAsync(cancellationToken);
        }

        return input * 10;
    }
}

/// <summary>Where <see cref="GatedActivity"/> blocks and how the test lets it go.</summary>
internal sealed class ActivityGate
{
    public int BlockAt { get; init; } = -1;

    public TaskCompletionSource Reached { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);

    public TaskCompletionSource Release { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);
}
