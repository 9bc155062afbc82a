namespace Pipeline.Infrastructure.Podcast;

/// <summary>
/// Energy-based speech detection over analysis frames: a noise floor that starts at the quietest frame of the first
/// ten seconds, falls at once and rises slowly (1 dB a second) gives an adaptive threshold 12 dB above it (never below -65 dBFS); a frame above the threshold is active;
/// speech continues for a 160 ms hangover after the last active frame; bursts shorter than 60 ms are dropped.
/// </summary>
internal static class SpeechDetector
{
    public const float MarginDb = 12f;
    public const float AbsoluteFloorDb = -65f;
    public const int HangoverFrames = 8;
    public const int MinActiveFrames = 3;
    private const int InitialFloorFrames = (int)(10 / FrameAnalyzer.HopSeconds);
    private const float FloorRisePerFrame = (float)(1.0 * FrameAnalyzer.HopSeconds);

    /// <summary>Per frame: whether it is above the adaptive threshold, and whether it belongs to speech (hangover included).</summary>
    public static (bool[] Active, bool[] Speech) Detect(IReadOnlyList<FrameFeatures> frames)
    {
        var active = new bool[frames.Count];
        var speech = new bool[frames.Count];
        if (frames.Count == 0)
        {
            return (active, speech);
        }

        // Start from the quietest frame of the first ten seconds, so a recording that opens with speech is not taken as its own floor.
        var floor = frames.Take(InitialFloorFrames).Min(f => f.EnergyDb);
        for (var i = 0; i < frames.Count; i++)
        {
            var energy = frames[i].EnergyDb;
            floor = energy < floor ? energy : Math.Min(energy, floor + FloorRisePerFrame);
            active[i] = energy > Math.Max(floor + MarginDb, AbsoluteFloorDb);
        }

        // Drop bursts too short to be speech (clicks), then extend each run by the hangover.
        var run = 0;
        for (var i = 0; i <= frames.Count; i++)
        {
            if (i < frames.Count && active[i])
            {
                run++;
                continue;
            }

            if (run is > 0 and < MinActiveFrames)
            {
                Array.Fill(active, false, i - run, run);
            }

            run = 0;
        }

        var hang = 0;
        for (var i = 0; i < frames.Count; i++)
        {
            hang = active[i] ? HangoverFrames : hang - 1;
            speech[i] = active[i] || hang > 0;
        }

        return (active, speech);
    }
}
