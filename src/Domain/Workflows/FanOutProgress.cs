namespace Pipeline.Domain.Workflows;

/// <summary>The custom status a fan-out sets after each completion batch: a few dozen bytes.</summary>
public sealed record FanOutProgress(string Stage, int Done, int Failed, int Total);
