using System.Text.Json;
using Microsoft.Extensions.Configuration;

namespace Pipeline.Functions.Tests;

/// <summary>
/// The app settings of local.settings.sample.json as configuration, with blobs and the job store moved to a folder of
/// the test's own (the sample points them at Azurite and the working directory).
/// </summary>
internal sealed class SampleSettings : IDisposable
{
    public SampleSettings(IReadOnlyDictionary<string, string?>? overrides = null)
    {
        Root = Directory.CreateTempSubdirectory("pipeline-functions-tests-").FullName;
        Values = ReadSample();
        Values["Pipeline:Storage:Provider"] = "FileSystem";
        Values["Pipeline:Storage:FileSystem:RootPath"] = Path.Combine(Root, "blobs");
        Values["Pipeline:Jobs:Provider"] = "Embedded";
        Values["Pipeline:Jobs:Embedded:DataRoot"] = Path.Combine(Root, "data");
        foreach (var (key, value) in overrides ?? new Dictionary<string, string?>())
        {
            Values[key] = value;
        }
    }

    public string Root { get; }

    public Dictionary<string, string?> Values { get; }

    public IConfiguration Build() => new ConfigurationBuilder().AddInMemoryCollection(Values).Build();

    public void Dispose() => Directory.Delete(Root, recursive: true);

    /// <summary>The sample's values with <c>__</c> read as the section separator, as the Functions host does.</summary>
    private static Dictionary<string, string?> ReadSample()
    {
        using var sample = JsonDocument.Parse(RepositoryFiles.Read("local.settings.sample.json"));
        return sample.RootElement.GetProperty(nameof(Values)).EnumerateObject()
            .ToDictionary(p => p.Name.Replace("__", ":", StringComparison.Ordinal), p => p.Value.GetString(), StringComparer.OrdinalIgnoreCase);
    }
}
