using Pipeline.Domain.Payloads;

namespace Pipeline.Domain.Podcast.Activities;

/// <summary>What identification returns: the matches' reference, how many speakers there are and how many got a name.</summary>
public sealed record IdentificationSummary(BlobRef Speakers, int SpeakerCount, int Identified);
