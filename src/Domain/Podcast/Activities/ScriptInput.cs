using Pipeline.Domain.Payloads;

namespace Pipeline.Domain.Podcast.Activities;

/// <summary>Input of <see cref="WriteScriptActivity"/>: the request and the stored outline.</summary>
public sealed record ScriptInput(string JobId, PodcastEpisodeRequest Request, BlobRef Outline);
