namespace Pipeline.Domain.Durable;

/// <summary>
/// Why a task failed, in the shape of <c>Microsoft.DurableTask.TaskFailureDetails</c>: the full type name of the
/// exception, its message, its stack trace and the failure that caused it.
/// </summary>
public sealed record TaskFailureDetails(
    string ErrorType,
    string ErrorMessage,
    string? StackTrace = null,
    TaskFailureDetails? InnerFailure = null)
{
    /// <summary>Builds the details of an exception, inner exceptions included.</summary>
    public static TaskFailureDetails FromException(Exception exception)
    {
        ArgumentNullException.ThrowIfNull(exception);
        var inner = exception switch
        {
            TaskFailedException failed => failed.FailureDetails,
            { InnerException: { } cause } => FromException(cause),
            _ => null,
        };
        return new TaskFailureDetails(exception.GetType().FullName ?? exception.GetType().Name, exception.Message, exception.StackTrace, inner);
    }

    /// <summary>True when the failure was raised by an exception of type <typeparamref name="TException"/> or a subtype.</summary>
    public bool IsCausedBy<TException>()
        where TException : Exception
    {
        var wanted = typeof(TException);
        if (string.Equals(ErrorType, wanted.FullName, StringComparison.Ordinal))
        {
            return true;
        }

        var actual = ResolveType(ErrorType);
        return actual is not null && wanted.IsAssignableFrom(actual);
    }

    private static Type? ResolveType(string fullName)
    {
        foreach (var assembly in AppDomain.CurrentDomain.GetAssemblies())
        {
            if (assembly.GetType(fullName, throwOnError: false) is { } type)
            {
                return type;
            }
        }

        return null;
    }
}
