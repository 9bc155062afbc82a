namespace Pipeline.Domain.Podcast.Diarization;

/// <summary>A hosted diarization job was not over within <c>Pipeline:Diarization:Timeout</c> (measured in workflow time).</summary>
public sealed class DiarizationTimeoutException : Exception
{
    public DiarizationTimeoutException(string providerJobId, TimeSpan timeout)
        : base($"The hosted diarization job '{providerJobId}' was not over after {timeout}; raise {DiarizationOptions.Section}:{nameof(DiarizationOptions.Timeout)} for longer recordings.")
    {
        ProviderJobId = providerJobId;
        Timeout = timeout;
    }

    public DiarizationTimeoutException()
        : this(string.Empty, TimeSpan.Zero)
    {
    }

    public DiarizationTimeoutException(string message)
        : base(message)
    {
        ProviderJobId = string.Empty;
    }

    public DiarizationTimeoutException(string message, Exception innerException)
        : base(message, innerException)
    {
        ProviderJobId = string.Empty;
    }

    public string ProviderJobId { get; }

    public TimeSpan Timeout { get; }
}
