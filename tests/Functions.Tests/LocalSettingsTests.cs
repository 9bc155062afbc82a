using System.ComponentModel.DataAnnotations;
using System.Reflection;
using System.Text.Json;
using System.Text.RegularExpressions;
using Microsoft.Extensions.Configuration;
using Pipeline.Domain.Lecture;
using Pipeline.Domain.Payloads;
using Pipeline.Domain.Status;
using Pipeline.Infrastructure.Jobs;
using Pipeline.Infrastructure.Media;
using Pipeline.Infrastructure.Storage;

namespace Pipeline.Functions.Tests;

/// <summary>
/// local.settings.sample.json runs the app against Azurite as it is: every options class the Functions host binds
/// validates from it, every required setting is present, and every Pipeline setting (there and in the Bicep app
/// settings) names a real property.
/// </summary>
public sealed partial class LocalSettingsTests
{
    /// <summary>The options the Functions host binds and validates at start, with their configuration sections.</summary>
    private static readonly (Type Type, string Section)[] BoundOptions =
    [
        (typeof(BlobStorageOptions), BlobStorageOptions.SectionName),
        (typeof(PayloadOptions), PayloadOptions.SectionName),
        (typeof(JobStoreOptions), JobStoreOptions.Section),
        (typeof(MediaOptions), MediaOptions.Section),
        (typeof(JobStatusOptions), JobStatusOptions.SectionName),
        (typeof(LectureMediaOptions), LectureMediaOptions.Section),
    ];

    private static Dictionary<string, string?> Values { get; } = ReadValues();

    public static TheoryData<string> Sections => [.. BoundOptions.Select(o => o.Section)];

    [Fact]
    public void Sample_RunsTheHostOnAzurite()
    {
        Assert.Equal("UseDevelopmentStorage=true", Values["AzureWebJobsStorage"]);
        Assert.Equal("dotnet-isolated", Values["FUNCTIONS_WORKER_RUNTIME"]);
        Assert.Matches("^[A-Za-z][A-Za-z0-9]{2,44}$", Values["TaskHubName"]);
        Assert.Equal("AzureBlob", Values["Pipeline__Storage__Provider"]);
        Assert.Equal("UseDevelopmentStorage=true", Values["Pipeline__Storage__AzureBlob__ConnectionString"]);
    }

    [Theory]
    [MemberData(nameof(Sections))]
    public void Sample_OptionsSection_BindsAndValidates(string section)
    {
        var type = BoundOptions.Single(o => o.Section == section).Type;
        var configuration = new ConfigurationBuilder()
            .AddInMemoryCollection(Values.Select(v => KeyValuePair.Create(v.Key.Replace("__", ":", StringComparison.Ordinal), v.Value)))
            .Build();

        var options = configuration.GetSection(section).Get(type, binder => binder.ErrorOnUnknownConfiguration = true) ?? Activator.CreateInstance(type)!;
        var results = new List<ValidationResult>();
        Validator.TryValidateObject(options, new ValidationContext(options), results, validateAllProperties: true);

        Assert.Empty(results.Select(r => r.ErrorMessage));
    }

    [Theory]
    [MemberData(nameof(Sections))]
    public void Sample_RequiredSettings_ArePresent(string section)
    {
        var (type, _) = BoundOptions.Single(o => o.Section == section);
        var configuration = new ConfigurationBuilder()
            .AddInMemoryCollection(Values.Select(v => KeyValuePair.Create(v.Key.Replace("__", ":", StringComparison.Ordinal), v.Value)))
            .Build();
        var options = configuration.GetSection(section).Get(type) ?? Activator.CreateInstance(type)!;

        var missing = RequiredKeys(options, section.Replace(":", "__", StringComparison.Ordinal))
            .Where(key => string.IsNullOrWhiteSpace(Values.GetValueOrDefault(key)))
            .ToList();

        Assert.Empty(missing);
    }

    [Fact]
    public void Sample_PipelineSettings_NameRealProperties()
    {
        var unknown = Values.Keys.Where(k => k.StartsWith("Pipeline__", StringComparison.Ordinal) && !IsProperty(k)).ToList();

        Assert.Contains(Values.Keys, k => k.StartsWith("Pipeline__", StringComparison.Ordinal));
        Assert.Empty(unknown);
    }

    [Fact]
    public void BicepAppSettings_PipelineSettings_NameRealProperties()
    {
        var bicep = RepositoryFiles.Read("infra", "bicep", "modules", "functionApp.bicep");
        var names = BicepSettingName().Matches(bicep).Select(m => m.Groups[1].Value).ToList();

        Assert.NotEmpty(names);
        Assert.DoesNotContain(names, n => !IsProperty(n));
    }

    /// <summary>The keys of [Required] properties, walking nested settings; under a <c>Provider</c> only the chosen provider's.</summary>
    private static IEnumerable<string> RequiredKeys(object options, string prefix)
    {
        var properties = options.GetType().GetProperties(BindingFlags.Public | BindingFlags.Instance).Where(p => p.CanWrite).ToList();
        var provider = properties.FirstOrDefault(p => p.Name == "Provider" && p.PropertyType.IsEnum)?.GetValue(options)?.ToString();
        foreach (var property in properties)
        {
            var key = $"{prefix}__{property.Name}";
            if (property.GetCustomAttribute<RequiredAttribute>() is not null)
            {
                yield return key;
            }

            if (IsSettingsClass(property.PropertyType) && property.GetValue(options) is { } nested
                && (provider is null || !IsProviderSettings(options.GetType(), property.Name) || property.Name == provider))
            {
                foreach (var inner in RequiredKeys(nested, key))
                {
                    yield return inner;
                }
            }
        }
    }

    private static bool IsProviderSettings(Type owner, string propertyName)
        => owner.GetProperty("Provider")?.PropertyType is { IsEnum: true } providers && Enum.GetNames(providers).Contains(propertyName);

    private static bool IsSettingsClass(Type type) => type.IsClass && type != typeof(string) && type.Namespace?.StartsWith("Pipeline.", StringComparison.Ordinal) == true;

    private static bool IsProperty(string key)
    {
        var (type, section) = BoundOptions
            .Where(o => key.StartsWith(o.Section.Replace(":", "__", StringComparison.Ordinal) + "__", StringComparison.Ordinal))
            .OrderByDescending(o => o.Section.Length)
            .FirstOrDefault();
        if (type is null)
        {
            return false;
        }

        foreach (var name in key[(section.Replace(":", "__", StringComparison.Ordinal).Length + 2)..].Split("__"))
        {
            var property = type.GetProperty(name, BindingFlags.Public | BindingFlags.Instance | BindingFlags.IgnoreCase);
            if (property is null || !property.CanWrite)
            {
                return false;
            }

            type = property.PropertyType;
        }

        return true;
    }

    private static Dictionary<string, string?> ReadValues()
    {
        using var sample = JsonDocument.Parse(RepositoryFiles.Read("local.settings.sample.json"));
        return sample.RootElement.GetProperty(nameof(Values)).EnumerateObject().ToDictionary(p => p.Name, p => p.Value.GetString());
    }

    [GeneratedRegex(@"name: '(Pipeline__[A-Za-z_]+)'")]
    private static partial Regex BicepSettingName();
}
