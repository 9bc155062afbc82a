namespace Pipeline.Domain.Assets;

/// <summary>The status of one asset of a job (API.md).</summary>
public enum AssetStatus
{
    Pending,
    Running,
    Succeeded,
    Failed,
    Skipped,
}
