using System.Text.RegularExpressions;
using Microsoft.Extensions.Options;

namespace Pipeline.Worker;

/// <summary>Checks <see cref="DurableTaskHubOptions"/> with messages that name the setting to fix.</summary>
public sealed class DurableTaskHubOptionsValidator : IValidateOptions<DurableTaskHubOptions>
{
    private const string Section = DurableTaskHubOptions.SectionName;

    public ValidateOptionsResult Validate(string? name, DurableTaskHubOptions options)
    {
        var failures = new List<string>();
        if (string.IsNullOrWhiteSpace(options.ConnectionString)
            && string.IsNullOrWhiteSpace(options.AccountName)
            && (options.BlobServiceUri is null || options.QueueServiceUri is null || options.TableServiceUri is null))
        {
            failures.Add($"{Section}:ConnectionString is empty: set it, or {Section}:AccountName (or all three of BlobServiceUri, QueueServiceUri, TableServiceUri) to use DefaultAzureCredential");
        }

        if (options.TaskHubName is null || !Regex.IsMatch(options.TaskHubName, DurableTaskHubOptions.TaskHubNamePattern))
        {
            failures.Add($"{Section}:TaskHubName must be 3–45 letters and digits starting with a letter (was '{options.TaskHubName}')");
        }

        if (options.PartitionCount is < 1 or > 16)
        {
            failures.Add($"{Section}:PartitionCount must be 1–16 (was {options.PartitionCount})");
        }

        Positive(failures, nameof(options.MaxConcurrentActivities), options.MaxConcurrentActivities);
        Positive(failures, nameof(options.MaxConcurrentOrchestrations), options.MaxConcurrentOrchestrations);
        Positive(failures, nameof(options.MaxConcurrentEntities), options.MaxConcurrentEntities);
        Positive(failures, nameof(options.MaxQueuePollingInterval), options.MaxQueuePollingInterval);
        Positive(failures, nameof(options.WorkItemQueueVisibilityTimeout), options.WorkItemQueueVisibilityTimeout);
        Positive(failures, nameof(options.ControlQueueVisibilityTimeout), options.ControlQueueVisibilityTimeout);
        Positive(failures, nameof(options.LeaseInterval), options.LeaseInterval);
        Positive(failures, nameof(options.LeaseRenewInterval), options.LeaseRenewInterval);
        Positive(failures, nameof(options.LeaseAcquireInterval), options.LeaseAcquireInterval);
        if (options.LeaseRenewInterval >= options.LeaseInterval)
        {
            failures.Add($"{Section}:LeaseRenewInterval must be shorter than {Section}:LeaseInterval ({options.LeaseRenewInterval} ≥ {options.LeaseInterval})");
        }

        return failures.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(failures);
    }

    private static void Positive(List<string> failures, string setting, int value)
    {
        if (value < 1)
        {
            failures.Add($"{Section}:{setting} must be at least 1 (was {value})");
        }
    }

    private static void Positive(List<string> failures, string setting, TimeSpan value)
    {
        if (value <= TimeSpan.Zero)
        {
            failures.Add($"{Section}:{setting} must be positive (was {value})");
        }
    }
}
