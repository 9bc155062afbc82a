using Pipeline.Domain.Payloads;

namespace Pipeline.Domain.Podcast.Activities;

/// <summary>What the script stage returns: the script's reference and how many segments and speakers it has.</summary>
public sealed record ScriptSummary(BlobRef Script, int SegmentCount, int SpeakerCount);
