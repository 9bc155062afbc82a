namespace Pipeline.Domain.Podcast.Diarization;

/// <summary>Who diarizes a recording (<c>Pipeline:Diarization:Provider</c>).</summary>
public enum DiarizationProvider
{
    /// <summary>The local energy and pitch diarizer, inside the diarization activity.</summary>
    Local,

    /// <summary>pyannoteAI's hosted API: the audio is uploaded, a job started and polled on durable timers.</summary>
    PyannoteAI,
}
