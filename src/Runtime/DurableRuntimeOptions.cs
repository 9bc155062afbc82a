using System.ComponentModel.DataAnnotations;

namespace Pipeline.Runtime;

/// <summary>Settings of the in-process durable runtime (section <c>Pipeline:Runtime</c>).</summary>
public sealed class DurableRuntimeOptions
{
    public const string Section = "Pipeline:Runtime";

    /// <summary>Activities executing at once; by default 10 per core, as Durable Functions does.</summary>
    [Range(1, 10_000)]
    public int MaxConcurrentActivities { get; set; } = 10 * Environment.ProcessorCount;

    /// <summary>The SQLite file of the embedded history store.</summary>
    [Required]
    public string DatabasePath { get; set; } = Path.Combine(".pipeline", "durable.db");
}
