namespace Pipeline.Infrastructure.Podcast;

/// <summary>The format of a 16-bit PCM WAV stream and the length of its data chunk (null when the writer left it open).</summary>
internal sealed record WavFormat(int SampleRate, short Channels, long? DataBytes)
{
    public int BlockAlign => Channels * 2;

    public bool SameLayout(WavFormat other) => SampleRate == other.SampleRate && Channels == other.Channels;

    public override string ToString() => $"{SampleRate} Hz, {Channels} channel(s), 16-bit PCM";
}
