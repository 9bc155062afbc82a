using System.ComponentModel.DataAnnotations;

namespace Pipeline.Infrastructure.Storage;

/// <summary>
/// Settings of the Azure Blob store (<c>Pipeline:Storage:AzureBlob</c>): either a connection string (Azurite, keys)
/// or the account's blob endpoint with <c>DefaultAzureCredential</c> (managed identity in Azure).
/// </summary>
public sealed class AzureBlobStoreOptions
{
    public string? ConnectionString { get; set; }

    /// <summary>The account's blob endpoint, e.g. <c>https://account.blob.core.windows.net</c>.</summary>
    public Uri? ServiceUri { get; set; }

    /// <summary>For a user-assigned managed identity; omit for the system-assigned one or a developer login.</summary>
    public string? ManagedIdentityClientId { get; set; }

    /// <summary>Created if missing. 3–63 characters: lower-case letters, digits and single hyphens.</summary>
    [Required]
    [RegularExpression("^(?=.{3,63}$)[a-z0-9]+(-[a-z0-9]+)*$", ErrorMessage = "The container name must be 3 to 63 lower-case letters, digits and single hyphens, starting and ending with a letter or digit.")]
    public string ContainerName { get; set; } = "pipeline";

    /// <summary>Bodies are uploaded in blocks of this size; it bounds the memory one upload holds.</summary>
    [Range(1024 * 1024, 100 * 1024 * 1024)]
    public int BlockSizeBytes { get; set; } = 8 * 1024 * 1024;
}
