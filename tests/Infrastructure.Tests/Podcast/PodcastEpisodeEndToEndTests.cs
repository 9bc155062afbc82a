using Microsoft.DurableTask.Client;
using System.Buffers.Binary;
using Pipeline.Domain.Durable;
using Pipeline.Domain.Jobs;
using Pipeline.Domain.Payloads;
using Pipeline.Domain.Podcast;
using Pipeline.Domain.Podcast.Activities;
using Pipeline.Infrastructure.Tests.Media;
using Xunit.Abstractions;

namespace Pipeline.Infrastructure.Tests.Podcast;

/// <summary>Whole episodes with the local providers and real speech, on the real engine, with filesystem blobs and the SQLite job store.</summary>
public sealed class PodcastEpisodeEndToEndTests(ITestOutputHelper output)
{
    public static TheoryData<string> Formats => new(PodcastFormat.All);

    [Theory]
    [MemberData(nameof(Formats))]
    public async Task RunAsync_EachFormat_EpisodePlaysAndTranscriptMatchesTheScript(string format)
    {
        await using var host = await PodcastHost.StartAsync();
        var jobId = $"{format}-episode";

        var result = await host.RunEpisodeAsync(jobId, Request(format));

        Assert.Equal(OrchestrationRuntimeStatus.Completed, result.RuntimeStatus);
        var script = await JsonBlob.GetAsync<PodcastScript>(host.Blobs, PodcastBlobKeys.Script(jobId), CancellationToken.None);
        var transcript = await JsonBlob.GetAsync<EpisodeTranscript>(host.Blobs, PodcastBlobKeys.Transcript(jobId), CancellationToken.None);
        Assert.Equal(
            script.Lines.Select(l => (script.SpeakerOf(l).Name, l.Text)),
            transcript.Segments.Select(s => (s.Speaker, s.Text)));

        var episode = await host.ReadAsync(PodcastBlobKeys.Episode(jobId));
        var wav = MediaFiles.ParseWav(episode);
        Assert.Equal((44, 1, 16), (wav.DataOffset, wav.Channels, wav.BitsPerSample));
        var segmentSeconds = 0.0;
        for (var i = 0; i < script.Lines.Count; i++)
        {
            segmentSeconds += MediaFiles.ParseWav(await host.ReadAsync(PodcastBlobKeys.Segment(jobId, i))).Seconds;
        }

        output.WriteLine($"{format}: {script.Lines.Count} segments, {script.Speakers.Count} speakers, episode {wav.Seconds:F2} s, segments sum {segmentSeconds:F2} s, {episode.Length:N0} bytes");
        Assert.InRange(wav.Seconds, segmentSeconds * 0.95, segmentSeconds * 1.05);
        Assert.Equal(wav.Seconds, transcript.Duration, 2);
        Assert.True(MediaFiles.Rms(episode, wav) > 0.01, "the episode is not silent");

        var record = (await host.Jobs.GetAsync(jobId))!;
        Assert.Equal(JobStatus.Completed, record.Status);
        Assert.Equal(script.Title, record.Output!.Title);
        Assert.Equal(transcript.Duration, record.Output.DurationSeconds);
        Assert.Equal(PodcastBlobKeys.Transcript(jobId), record.Output.References[PublishEpisodeActivity.TranscriptReference].Key);
        Assert.Equal(
            [("outline", 10), ("script", 40), ("audio", 70), ("upload", 90), ("completed", 100)],
            host.Jobs.Phases(jobId).Select(p => (p.Phase!, p.Percent!.Value)));

        if (format == PodcastFormat.Debate)
        {
            // Each speaker is voiced at their own pitch, as the debate's default voices ask.
            var pitches = new Dictionary<string, double>();
            foreach (var speaker in script.Speakers)
            {
                var line = script.Lines.First(l => l.SpeakerId == speaker.Id);
                await using var segment = await host.Blobs.GetAsync(PodcastBlobKeys.Segment(jobId, line.Index));
                pitches[speaker.Id] = (await Infrastructure.Podcast.EnergyPitchDiarizer.MeasureVoiceAsync(segment)).PitchHz;
            }

            output.WriteLine(string.Join(", ", pitches.Select(p => $"{p.Key} {p.Value:F0} Hz")));
            Assert.True(pitches["debater-1"] > pitches["moderator"] * 1.15 && pitches["moderator"] > pitches["debater-2"] * 1.15, string.Join(", ", pitches));
        }
    }

    internal static PodcastEpisodeRequest Request(string format) => format switch
    {
        PodcastFormat.Interview => new()
        {
            Format = format,
            Topic = "tide pools",
            Angle = "what they teach us about resilience",
            Host = new PodcastPerson { Name = "Ada", Voice = new PodcastVoice { Pitch = 30 } },
            Guest = new PodcastPerson { Name = "Ben", Description = "a marine biologist", Voice = new PodcastVoice { Pitch = 80 } },
            Options = new PodcastEpisodeOptions { Turns = 2 },
        },
        PodcastFormat.Debate => new()
        {
            Format = format,
            Topic = "cities should ban cars from their centres",
            Moderator = new PodcastPerson { Name = "Morgan" },
            Debaters = [new PodcastPerson { Name = "Priya" }, new PodcastPerson { Name = "Conrad" }],
            Options = new PodcastEpisodeOptions { Turns = 2 },
        },
        _ => new()
        {
            Format = format,
            Topic = "the lost compass",
            Narrator = new PodcastPerson { Name = "Nora" },
            Characters = [new PodcastPerson { Name = "Kit", Description = "a cartographer" }, new PodcastPerson { Name = "Rook", Voice = new PodcastVoice { Pitch = 90, SpeedWordsPerMinute = 190 } }],
            Options = new PodcastEpisodeOptions { Turns = 2 },
        },
    };

    internal static (int Start, int End) Audible(byte[] wav, int dataOffset)
    {
        var samples = (wav.Length - dataOffset) / 2;
        int Sample(int i) => Math.Abs((int)BinaryPrimitives.ReadInt16LittleEndian(wav.AsSpan(dataOffset + (2 * i))));
        var first = 0;
        while (first < samples && Sample(first) < 300)
        {
            first++;
        }

        var last = samples - 1;
        while (last > first && Sample(last) < 300)
        {
            last--;
        }

        return (first, last + 1);
    }
}
