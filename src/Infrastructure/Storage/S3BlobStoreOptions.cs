using System.ComponentModel.DataAnnotations;

namespace Pipeline.Infrastructure.Storage;

/// <summary>
/// Settings of the S3 store (<c>Pipeline:Storage:S3</c>). For AWS give the region; for an S3-compatible server give
/// <see cref="ServiceUrl"/> (path-style addressing). Without keys the SDK's default credential chain is used.
/// </summary>
public sealed class S3BlobStoreOptions
{
    [Required]
    [RegularExpression("^(?=.{3,63}$)[a-z0-9][a-z0-9.-]*[a-z0-9]$", ErrorMessage = "The bucket name must be 3 to 63 lower-case letters, digits, '.' and '-', starting and ending with a letter or digit.")]
    public string BucketName { get; set; } = string.Empty;

    /// <summary>AWS region, e.g. <c>eu-west-1</c>; also the signing region for an S3-compatible server (default us-east-1 there).</summary>
    public string? Region { get; set; }

    /// <summary>Endpoint of an S3-compatible server, e.g. <c>http://127.0.0.1:4568</c>; omit for AWS.</summary>
    public Uri? ServiceUrl { get; set; }

    /// <summary>Path-style addressing (<c>host/bucket/key</c>); needed by most S3-compatible servers.</summary>
    public bool ForcePathStyle { get; set; }

    public string? AccessKeyId { get; set; }

    public string? SecretAccessKey { get; set; }

    /// <summary>Create the bucket on first use when it does not exist (development servers).</summary>
    public bool CreateBucketIfMissing { get; set; }

    /// <summary>Bodies of unknown length are uploaded in parts of this size (S3's minimum is 5 MiB); it bounds the memory one upload holds.</summary>
    [Range(5 * 1024 * 1024, 512 * 1024 * 1024)]
    public int PartSizeBytes { get; set; } = 8 * 1024 * 1024;
}
