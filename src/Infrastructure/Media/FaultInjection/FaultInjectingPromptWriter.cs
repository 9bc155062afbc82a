using System.Globalization;
using Pipeline.Domain.Media;

namespace Pipeline.Infrastructure.Media.FaultInjection;

public sealed class FaultInjectingPromptWriter(IPromptWriter inner, FaultInjector injector) : IPromptWriter
{
    public async Task<IReadOnlyList<string>> WriteImagePromptsAsync(string segmentText, int count, CancellationToken cancellationToken = default)
    {
        await injector.BeforeCallAsync(nameof(IPromptWriter), FaultInjector.Key(segmentText, count.ToString(CultureInfo.InvariantCulture)), cancellationToken);
        return await inner.WriteImagePromptsAsync(segmentText, count, cancellationToken);
    }
}
