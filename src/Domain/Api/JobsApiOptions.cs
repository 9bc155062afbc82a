using System.ComponentModel.DataAnnotations;

namespace Pipeline.Domain.Api;

/// <summary>Limits of the HTTP API (section <see cref="SectionName"/>); part of the contract (API.md).</summary>
public sealed class JobsApiOptions
{
    public const string SectionName = "Pipeline:Api";

    public const int DefaultMaxRequestBytes = 4 * 1024 * 1024;

    /// <summary>The largest request body accepted; a larger one is answered 413 without being read further.</summary>
    [Range(1024, 256 * 1024 * 1024)]
    public int MaxRequestBytes { get; set; } = DefaultMaxRequestBytes;

    /// <summary>The page size of <c>GET /api/jobs</c> when the caller gives none.</summary>
    [Range(1, Jobs.JobQuery.MaxLimit)]
    public int DefaultPageSize { get; set; } = 50;

    /// <summary>The deepest JSON nesting a body may have.</summary>
    [Range(8, 256)]
    public int MaxJsonDepth { get; set; } = 32;
}
