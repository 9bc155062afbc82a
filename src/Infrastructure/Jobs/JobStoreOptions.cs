using System.ComponentModel.DataAnnotations;
using Pipeline.Domain.Jobs;

namespace Pipeline.Infrastructure.Jobs;

/// <summary>Job record storage, bound from <c>Pipeline:Jobs</c>.</summary>
public sealed class JobStoreOptions : IValidatableObject
{
    public const string Section = "Pipeline:Jobs";

    public JobStoreProvider Provider { get; set; } = JobStoreProvider.Embedded;

    /// <summary>A record whose JSON would be larger keeps its manifest in a blob (Cosmos DB items are capped at 2 MB).</summary>
    [Range(4 * 1024, 1536 * 1024)]
    public int MaxInlineRecordBytes { get; set; } = JobRecordStoreOptions.DefaultMaxInlineBytes;

    [Range(1, 100)]
    public int MaxUpdateAttempts { get; set; } = JobRecordStoreOptions.DefaultMaxUpdateAttempts;

    public EmbeddedJobStoreOptions Embedded { get; set; } = new();

    public CosmosJobStoreOptions Cosmos { get; set; } = new();

    public JobRecordStoreOptions ToRecordStoreOptions()
        => new() { MaxInlineBytes = MaxInlineRecordBytes, MaxUpdateAttempts = MaxUpdateAttempts };

    public IEnumerable<ValidationResult> Validate(ValidationContext validationContext)
    {
        switch (Provider)
        {
            case JobStoreProvider.Embedded:
                if (string.IsNullOrWhiteSpace(Embedded.DataRoot))
                {
                    yield return new ValidationResult($"{Section}:Embedded:DataRoot is required when {Section}:Provider is Embedded.", [nameof(Embedded)]);
                }

                if (string.IsNullOrWhiteSpace(Embedded.FileName) || Embedded.FileName.IndexOfAny(Path.GetInvalidFileNameChars()) >= 0)
                {
                    yield return new ValidationResult($"{Section}:Embedded:FileName must be a plain file name.", [nameof(Embedded)]);
                }

                break;
            case JobStoreProvider.Cosmos:
                if (Cosmos.Endpoint is not { IsAbsoluteUri: true })
                {
                    yield return new ValidationResult($"{Section}:Cosmos:Endpoint must be an absolute URI when {Section}:Provider is Cosmos.", [nameof(Cosmos)]);
                }

                if (string.IsNullOrWhiteSpace(Cosmos.Database) || string.IsNullOrWhiteSpace(Cosmos.Container))
                {
                    yield return new ValidationResult($"{Section}:Cosmos:Database and {Section}:Cosmos:Container are required.", [nameof(Cosmos)]);
                }

                break;
            default:
                yield return new ValidationResult($"{Section}:Provider must be Embedded or Cosmos.", [nameof(Provider)]);
                break;
        }
    }
}
