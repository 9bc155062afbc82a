using Pipeline.Domain.Assets;
using Microsoft.DurableTask;
using Microsoft.DurableTask.Entities;
using Pipeline.Domain.Workflows;

namespace Pipeline.Domain.Lecture;

/// <summary>
/// Which assets a lecture run produces, stage by stage, and how each stage runs: a pure function of the request, the
/// settings and the previous run's outcomes (an asset that succeeded before is reused, not regenerated).
/// </summary>
internal sealed class LecturePlan(string jobId, LectureMediaRequest request, IReadOnlyList<AssetOutcome> previous, LectureSettings settings)
{
    private readonly Dictionary<string, AssetOutcome> _reused = previous
        .Where(o => o.Status == AssetStatus.Succeeded)
        .ToDictionary(o => o.AssetId, StringComparer.Ordinal);

    private IEnumerable<LectureSegment> Segments => request.Segments!.OrderBy(s => s.Index);

    private int ImagesPerSegment => request.Options?.ImagesPerSegment ?? new LectureOptions().ImagesPerSegment;

    public IReadOnlyList<LectureAssetItem> Prompts()
        => !request.Runs(LectureStage.Images) ? [] : [.. Segments.Where(s => s.ImagePrompts is not { Count: > 0 }).Select(s => Item(LectureStage.Prompts, LectureAssets.Prompts(s.Index), s.Index))];

    public IReadOnlyList<AssetOutcome> Images(IReadOnlyList<AssetOutcome> prompts, out IReadOnlyList<LectureAssetItem> items)
    {
        var byId = prompts.ToDictionary(p => p.AssetId, StringComparer.Ordinal);
        var skipped = new List<AssetOutcome>();
        var work = new List<LectureAssetItem>();
        foreach (var segment in request.Runs(LectureStage.Images) ? Segments : [])
        {
            var count = segment.ImagePrompts is { Count: > 0 } given ? given.Count : ImagesPerSegment;
            var derived = byId.GetValueOrDefault(LectureAssets.Prompts(segment.Index));
            for (var n = 0; n < count; n++)
            {
                var id = LectureAssets.Image(segment.Index, n);
                if (derived is { Status: not AssetStatus.Succeeded } && !_reused.ContainsKey(id))
                {
                    skipped.Add(AssetOutcome.Skipped(id, LectureStage.Images, $"no image prompt: deriving the prompts of segment {segment.Index} failed ({derived.Error?.Message})"));
                    continue;
                }

                work.Add(Item(LectureStage.Images, id, segment.Index, n));
            }
        }

        items = work;
        return skipped;
    }

    public IReadOnlyList<LectureAssetItem> Narration()
        => !request.Runs(LectureStage.Narration) ? [] : [.. Segments.Select(s => Item(LectureStage.Narration, LectureAssets.Narration(s.Index), s.Index))];

    public IReadOnlyList<LectureAssetItem> Music()
        => request.Music is null || !request.Runs(LectureStage.Music) ? [] : [Item(LectureStage.Music, LectureAssets.MusicId, 0)];

    public IReadOnlyList<LectureAssetItem> StartingImages()
        => !request.Runs(LectureStage.Videos) ? [] : [.. Segments.Select(s => Item(LectureStage.StartingImages, LectureAssets.StartingImage(s.Index), s.Index))];

    /// <summary>One video per segment whose starting image exists; the others are skipped with the reason.</summary>
    public IReadOnlyList<AssetOutcome> Videos(IReadOnlyList<AssetOutcome> starts, IReadOnlyList<AssetOutcome> narration, out IReadOnlyList<LectureAssetItem> items)
    {
        var startById = starts.ToDictionary(o => o.AssetId, StringComparer.Ordinal);
        var voiceById = narration.ToDictionary(o => o.AssetId, StringComparer.Ordinal);
        var skipped = new List<AssetOutcome>();
        var work = new List<LectureAssetItem>();
        foreach (var segment in request.Runs(LectureStage.Videos) ? Segments : [])
        {
            var id = LectureAssets.Video(segment.Index);
            var start = startById.GetValueOrDefault(LectureAssets.StartingImage(segment.Index));
            if (start is not { Status: AssetStatus.Succeeded, Blob: { } image })
            {
                skipped.Add(AssetOutcome.Skipped(id, LectureStage.Videos, $"no video: the starting image of segment {segment.Index} failed ({start?.Error?.Message ?? "not produced"})"));
                continue;
            }

            var voice = voiceById.GetValueOrDefault(LectureAssets.Narration(segment.Index));
            work.Add(Item(LectureStage.Videos, id, segment.Index) with
            {
                StartingImageKey = image.Key,
                NarrationKey = voice is { Status: AssetStatus.Succeeded, Blob: { } audio } ? audio.Key : null,
            });
        }

        items = work;
        return skipped;
    }

    /// <summary>Runs one stage: reused assets are returned as they were; the rest go through the fan-out.</summary>
    public async Task<IReadOnlyList<AssetOutcome>> RunAsync(
        TaskOrchestrationContext context,
        string stage,
        string activity,
        IReadOnlyList<LectureAssetItem> items,
        IReadOnlyList<AssetOutcome> decided,
        LectureProgress progress)
    {
        var reused = items.Where(i => _reused.ContainsKey(i.AssetId)).Select(i => _reused[i.AssetId]).ToList();
        var work = items.Where(i => !_reused.ContainsKey(i.AssetId)).ToList();
        var outcomes = await context.FanOutAsync(
            new FanOutRequest
            {
                JobId = jobId,
                Stage = stage,
                Activity = activity,
                Tasks = [.. work.Select(i => AssetTask.For(i.AssetId, i, CostOf(i)))],
                StageTotal = items.Count + decided.Count,
                Window = settings.Window,
                ChunkSize = settings.ChunkSize,
                ChildrenInFlight = settings.ChildrenInFlight,
                Retry = settings.Retry,
                ReportInterval = settings.ReportInterval,
            },
            progress.Report);
        return [.. reused, .. decided, .. outcomes];
    }

    /// <summary>
    /// Narration and videos take time in proportion to the speech they carry: the segment's word count orders them
    /// (longest first). Images, prompts and music cost alike within their stage.
    /// </summary>
    private double? CostOf(LectureAssetItem item)
        => item.Stage is LectureStage.Narration or LectureStage.Videos
            ? request.Segment(item.SegmentIndex).WordCount()
            : null;

    private LectureAssetItem Item(string stage, string assetId, int segment, int ordinal = 0)
        => new() { JobId = jobId, Stage = stage, AssetId = assetId, SegmentIndex = segment, Ordinal = ordinal };
}
