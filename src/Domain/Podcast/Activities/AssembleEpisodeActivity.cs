using Microsoft.DurableTask;
using Microsoft.DurableTask.Entities;
using Pipeline.Domain.Payloads;

namespace Pipeline.Domain.Podcast.Activities;

/// <summary>
/// The assembly stage: concatenates the segment WAVs in script order into one episode WAV (streamed through a
/// temporary file, one segment open at a time), writes the transcript with each line's start and end, and stores both.
/// </summary>
public sealed class AssembleEpisodeActivity(IAudioConcatenator concatenator, IBlobStore blobs) : TaskActivity<AssemblyInput, EpisodeAssembly>
{
    public override async Task<EpisodeAssembly> RunAsync(TaskActivityContext context, AssemblyInput input)
    {
        ArgumentNullException.ThrowIfNull(input);
        var script = await JsonBlob.GetAsync<PodcastScript>(blobs, input.ScriptKey, CancellationToken.None);
        if (script.Lines.Count != input.SegmentCount)
        {
            throw new InvalidOperationException($"The script has {script.Lines.Count} lines but {input.SegmentCount} segments were voiced.");
        }

        var parts = script.Lines
            .Select(line => new AudioPart(PodcastBlobKeys.SegmentId(line.Index), ct => blobs.GetAsync(PodcastBlobKeys.Segment(input.JobId, line.Index), ct)))
            .ToList();
        var path = Path.Combine(Path.GetTempPath(), $"pipeline-episode-{Guid.NewGuid():N}.wav");
        await using var episode = new FileStream(path, FileMode.CreateNew, FileAccess.ReadWrite, FileShare.None, 64 * 1024, FileOptions.DeleteOnClose | FileOptions.Asynchronous);
        var joined = await concatenator.ConcatenateAsync(parts, episode, CancellationToken.None);
        episode.Position = 0;
        var audio = await blobs.PutAsync(PodcastBlobKeys.Episode(input.JobId), episode, $"audio/{joined.Extension}", CancellationToken.None);

        var segments = new List<TranscriptSegment>(script.Lines.Count);
        var start = TimeSpan.Zero;
        for (var i = 0; i < script.Lines.Count; i++)
        {
            var line = script.Lines[i];
            var end = start + joined.PartDurations[i];
            segments.Add(new TranscriptSegment
            {
                Index = line.Index,
                SpeakerId = line.SpeakerId,
                Speaker = script.SpeakerOf(line).Name,
                Text = line.Text,
                Start = Math.Round(start.TotalSeconds, 3),
                End = Math.Round(end.TotalSeconds, 3),
            });
            start = end;
        }

        var transcript = new EpisodeTranscript { Title = script.Title, Duration = Math.Round(joined.Duration.TotalSeconds, 3), Segments = segments };
        var transcriptRef = await JsonBlob.PutAsync(blobs, PodcastBlobKeys.Transcript(input.JobId), transcript, CancellationToken.None);
        return new EpisodeAssembly(audio, transcriptRef, transcript.Duration, segments.Count);
    }
}
