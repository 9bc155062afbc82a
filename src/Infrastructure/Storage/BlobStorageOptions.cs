using System.ComponentModel.DataAnnotations;

namespace Pipeline.Infrastructure.Storage;

/// <summary>Where blobs live (configuration section <see cref="SectionName"/>); only the chosen provider's settings are validated.</summary>
public sealed class BlobStorageOptions : IValidatableObject
{
    public const string SectionName = "Pipeline:Storage";

    public BlobStorageProvider Provider { get; set; } = BlobStorageProvider.FileSystem;

    public FileSystemBlobStoreOptions FileSystem { get; set; } = new();

    public AzureBlobStoreOptions AzureBlob { get; set; } = new();

    public S3BlobStoreOptions S3 { get; set; } = new();

    public IEnumerable<ValidationResult> Validate(ValidationContext validationContext)
    {
        if (!Enum.IsDefined(Provider))
        {
            yield return Error(nameof(Provider), $"must be one of {string.Join(", ", Enum.GetNames<BlobStorageProvider>())}");
            yield break;
        }

        object settings = Provider switch
        {
            BlobStorageProvider.FileSystem => FileSystem,
            BlobStorageProvider.AzureBlob => AzureBlob,
            _ => S3,
        };

        var results = new List<ValidationResult>();
        Validator.TryValidateObject(settings, new ValidationContext(settings), results, validateAllProperties: true);
        foreach (var result in results)
        {
            var member = result.MemberNames.FirstOrDefault() ?? string.Empty;
            yield return Error($"{Provider}:{member}", result.ErrorMessage ?? "is invalid");
        }

        if (Provider == BlobStorageProvider.AzureBlob
            && string.IsNullOrWhiteSpace(AzureBlob.ConnectionString) == (AzureBlob.ServiceUri is null))
        {
            yield return Error(
                $"{nameof(BlobStorageProvider.AzureBlob)}:{nameof(AzureBlobStoreOptions.ConnectionString)}",
                $"set exactly one of {SectionName}:AzureBlob:ConnectionString and {SectionName}:AzureBlob:ServiceUri");
        }

        if (Provider == BlobStorageProvider.S3
            && string.IsNullOrEmpty(S3.AccessKeyId) != string.IsNullOrEmpty(S3.SecretAccessKey))
        {
            yield return Error(
                $"{nameof(BlobStorageProvider.S3)}:{nameof(S3BlobStoreOptions.AccessKeyId)}",
                $"set both {SectionName}:S3:AccessKeyId and {SectionName}:S3:SecretAccessKey, or neither");
        }
    }

    private static ValidationResult Error(string member, string problem)
        => new($"{SectionName}:{member}: {problem}", [member]);
}
