using System.ComponentModel.DataAnnotations;

namespace Pipeline.Standalone.Hosting;

/// <summary>Settings of the standalone host (section <see cref="SectionName"/>).</summary>
public sealed class StandaloneOptions
{
    public const string SectionName = "Pipeline:Standalone";

    /// <summary>
    /// The folder of the embedded defaults: the history database, the job database and the filesystem blobs. A relative
    /// path resolves against the working directory. Settings of a store given explicitly win over it.
    /// </summary>
    [Required]
    public string DataRoot { get; set; } = ".pipeline";

    /// <summary>
    /// When set, every asset blob written (<c>jobs/{jobId}/{stage}/{assetId}.{ext}</c>) is appended as a line to this
    /// file: an audit of generations, used by the crash-recovery test to count how often each asset was produced.
    /// </summary>
    public string? GenerationLogPath { get; set; }

    public string FullDataRoot => Path.GetFullPath(DataRoot);
}
