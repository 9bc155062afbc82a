using System.ComponentModel.DataAnnotations;

namespace Pipeline.Infrastructure.Storage;

/// <summary>Settings of the filesystem store (<c>Pipeline:Storage:FileSystem</c>).</summary>
public sealed class FileSystemBlobStoreOptions
{
    /// <summary>The folder that holds every blob; created if missing. A relative path resolves against the working directory.</summary>
    [Required]
    public string RootPath { get; set; } = string.Empty;
}
