using Pipeline.Domain.Durable;

namespace Pipeline.Runtime.Tests.Samples;

/// <summary>Returns a large deterministic value (the naive design: the whole result through history).</summary>
internal sealed class LargeResultActivity : Activity<int, string>
{
    public override Task<string> RunAsync(int sizeBytes, CancellationToken cancellationToken)
        => Task.FromResult(string.Create(sizeBytes, sizeBytes, (span, _) =>
        {
            for (var i = 0; i < span.Length; i++)
            {
                span[i] = (char)('a' + (i * 7 % 26));
            }
        }));
}
