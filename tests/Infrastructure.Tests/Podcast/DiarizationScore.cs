namespace Pipeline.Infrastructure.Tests.Podcast;

/// <summary>
/// Scores a diarization against a reference on a 10 ms grid: missed speech, false alarm and speaker confusion as
/// shares of reference speech time, their sum (the diarization error rate), and the share of reference speech given
/// to the right speaker. Reference boundaries can be forgiven by a collar (0.25 s is customary).
/// </summary>
internal sealed record DiarizationScore(double Missed, double FalseAlarm, double Confusion, double Correct, double ReferenceSeconds)
{
    private const double Step = 0.01;

    public double ErrorRate => Missed + FalseAlarm + Confusion;

    public static DiarizationScore Compute(
        IReadOnlyList<(double Start, double End, string Speaker)> reference,
        IReadOnlyList<(double Start, double End, string? Speaker)> hypothesis,
        double collar = 0)
    {
        var end = Math.Max(reference.Max(r => r.End), hypothesis.Count == 0 ? 0 : hypothesis.Max(h => h.End));
        double total = 0, missed = 0, falseAlarm = 0, confusion = 0, correct = 0;
        for (var t = Step / 2; t < end; t += Step)
        {
            if (reference.Any(r => Math.Abs(t - r.Start) < collar || Math.Abs(t - r.End) < collar))
            {
                continue;
            }

            var said = reference.Where(r => r.Start <= t && t < r.End).Select(r => r.Speaker).FirstOrDefault();
            var heard = hypothesis.Where(h => h.Start <= t && t < h.End).Select(h => h.Speaker ?? "?").FirstOrDefault();
            if (said is not null)
            {
                total += Step;
                if (heard is null)
                {
                    missed += Step;
                }
                else if (heard == said)
                {
                    correct += Step;
                }
                else
                {
                    confusion += Step;
                }
            }
            else if (heard is not null)
            {
                falseAlarm += Step;
            }
        }

        return new DiarizationScore(missed / total, falseAlarm / total, confusion / total, correct / total, total);
    }

    public override string ToString()
        => $"DER {ErrorRate:P1} (missed {Missed:P1}, false alarm {FalseAlarm:P1}, confusion {Confusion:P1}); right speaker {Correct:P1} of {ReferenceSeconds:F1} s of speech";
}
