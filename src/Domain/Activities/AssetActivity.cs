using Pipeline.Domain.Assets;
using Microsoft.DurableTask;
using Microsoft.DurableTask.Entities;
using Pipeline.Domain.Media;

namespace Pipeline.Domain.Activities;

/// <summary>
/// An activity that produces one asset. The generation itself is <see cref="GenerateAsync"/>; this base applies the
/// failure semantics of DESIGN.md: a permanent failure becomes a failed outcome (never retried), a transient one is
/// thrown as <see cref="TransientAssetException"/> (retried by policy), anything else is wrapped with its type and
/// message as <see cref="UnknownAssetException"/> (retried, then recorded). The engine gives an activity no
/// cancellation: a host that stops lets running activities finish, so generation runs with <see cref="CancellationToken.None"/>.
/// Generation runs inside the input's <see cref="ActivityAttempt"/>.
/// </summary>
public abstract class AssetActivity<TItem> : TaskActivity<TItem, AssetOutcome>
    where TItem : AssetItem
{
    public sealed override async Task<AssetOutcome> RunAsync(TaskActivityContext context, TItem input)
    {
        ArgumentNullException.ThrowIfNull(input);
        using var attempt = ActivityAttempt.Enter(input.Attempt);
        try
        {
            return await GenerateAsync(input, CancellationToken.None).ConfigureAwait(false);
        }
        catch (GenerationException e) when (e.Kind == FailureKind.Permanent)
        {
            return AssetOutcome.Failed(input.AssetId, input.Stage, new AssetError(FailureKind.Permanent, e.Provider, e.Message));
        }
        catch (GenerationException e) when (e.Kind == FailureKind.Transient)
        {
            throw AssetFailures.From(input.AssetId, e);
        }
        catch (Exception e) when (e is not OperationCanceledException and not AssetFailureException)
        {
            throw new UnknownAssetException(input.AssetId, $"{input.AssetId}: {e.GetType().Name}: {e.Message}", e);
        }
    }

    protected abstract Task<AssetOutcome> GenerateAsync(TItem item, CancellationToken cancellationToken);
}
