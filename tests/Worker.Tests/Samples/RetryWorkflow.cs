using Microsoft.DurableTask;

namespace Pipeline.Worker.Tests.Samples;

public sealed record FlakyRequest(string Key, bool Permanent);

public sealed record RetryOutcome(string ErrorType, string ErrorMessage, bool CaughtTaskFailed);

/// <summary>Calls <see cref="FlakyActivity"/> with up to three attempts, never retrying a permanent failure.</summary>
public sealed class RetryWorkflow : TaskOrchestrator<FlakyRequest, RetryOutcome>
{
    public const int MaxAttempts = 3;

    public override async Task<RetryOutcome> RunAsync(TaskOrchestrationContext context, FlakyRequest input)
    {
        var policy = new RetryPolicy(MaxAttempts, TimeSpan.FromMilliseconds(50))
        {
            HandleFailure = failure => failure.ErrorType != typeof(PermanentFailureException).FullName,
        };
        try
        {
            await context.CallActivityAsync<string>(nameof(FlakyActivity), input, TaskOptions.FromRetryPolicy(policy));
            return new RetryOutcome(string.Empty, string.Empty, false);
        }
        catch (TaskFailedException failure)
        {
            return new RetryOutcome(failure.FailureDetails.ErrorType, failure.FailureDetails.ErrorMessage, true);
        }
    }
}
