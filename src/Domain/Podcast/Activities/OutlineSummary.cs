using Pipeline.Domain.Payloads;

namespace Pipeline.Domain.Podcast.Activities;

/// <summary>What the outline stage returns to the workflow: the outline's reference, its title and description, its size.</summary>
public sealed record OutlineSummary(BlobRef Outline, string Title, string Description, int Sections);
