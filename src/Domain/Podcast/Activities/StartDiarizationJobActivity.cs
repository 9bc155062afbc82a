using Microsoft.DurableTask;
using Pipeline.Domain.Assets;
using Pipeline.Domain.Media;
using Pipeline.Domain.Podcast.Diarization;

namespace Pipeline.Domain.Podcast.Activities;

/// <summary>Hosted diarization, step 2: starts the provider's job on the uploaded audio and returns its id.</summary>
public sealed class StartDiarizationJobActivity(IHostedDiarizer diarizer) : TaskActivity<DiarizationJobStart, string>
{
    public override async Task<string> RunAsync(TaskActivityContext context, DiarizationJobStart input)
    {
        ArgumentNullException.ThrowIfNull(input);
        try
        {
            return await diarizer.StartAsync(input.MediaUrl, input.Speakers, CancellationToken.None);
        }
        catch (GenerationException ex)
        {
            throw AssetFailures.From(DiarizationStage.Diarization, ex);
        }
    }
}
