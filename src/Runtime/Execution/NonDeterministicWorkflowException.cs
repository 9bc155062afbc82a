namespace Pipeline.Runtime.Execution;

/// <summary>
/// Replay issued a command that differs from the history, or did not issue one the history holds. The instance fails
/// with this error; the message names the sequence id, the recorded and the new command.
/// </summary>
public sealed class NonDeterministicWorkflowException : Exception
{
    public NonDeterministicWorkflowException(string message)
        : base(message)
    {
    }

    public NonDeterministicWorkflowException()
    {
    }

    public NonDeterministicWorkflowException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}
