namespace Pipeline.Domain.Durable;

/// <summary>An activity with a typed input and output; dependencies come by constructor injection.</summary>
public abstract class Activity<TInput, TOutput> : IActivity
{
    public Type InputType => typeof(TInput);

    public Type OutputType => typeof(TOutput);

    public abstract Task<TOutput> RunAsync(TInput input, CancellationToken cancellationToken);

    async Task<object?> IActivity.RunAsync(object? input, CancellationToken cancellationToken)
        => await RunAsync(input is null ? default! : (TInput)input, cancellationToken).ConfigureAwait(false);
}
