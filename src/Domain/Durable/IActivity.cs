namespace Pipeline.Domain.Durable;

/// <summary>One unit of I/O work, executed at least once; it must be idempotent.</summary>
public interface IActivity
{
    Type InputType { get; }

    Type OutputType { get; }

    Task<object?> RunAsync(object? input, CancellationToken cancellationToken);
}
