namespace Pipeline.Domain.Api;

/// <summary>Assets of a job, finished either way, and the share done.</summary>
public sealed record JobProgressView(int Total, int Succeeded, int Failed, int Percent, string? Phase = null);
