namespace Pipeline.Domain.Api;

/// <summary>One stage of a job as the API shows it.</summary>
public sealed record StageView(string Name, string Status, int Total, int Succeeded, int Failed);
