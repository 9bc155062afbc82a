using System.Reflection;
using System.Text.RegularExpressions;
using Pipeline.Standalone.Tests.Process;

namespace Pipeline.Standalone.Tests.Hosting;

/// <summary>
/// Every <c>Pipeline:…</c> key the documentation names (README.md, docs/*.md, the sample settings, the Bicep app settings)
/// is one the hosts read: a property of an options type bound from the key's section (its <c>Section</c> or
/// <c>SectionName</c> constant, the name <c>BindConfiguration</c> is given), or a key the code reads by name (a constant
/// holding it). A key that binds to nothing — misspelt, or a setting that was removed — fails with its file.
/// </summary>
public sealed partial class DocumentedSettingsTests
{
    private static readonly string[] Assemblies = ["Pipeline.Domain", "Pipeline.Infrastructure", "Pipeline.Worker", "Pipeline.Standalone"];

    [Fact]
    public void Documentation_EveryPipelineSettingItNames_BindsToWhatTheHostsRead()
    {
        var documented = DocumentedKeys().ToList();
        Assert.True(documented.Count > 40, $"only {documented.Count} documented settings found: the parser no longer sees them");

        var unbound = documented.Where(d => !Binds(d.Key)).Select(d => $"{d.Key} ({d.File})").Distinct().ToList();

        Assert.True(unbound.Count == 0, $"documented but bound by nothing: {string.Join(", ", unbound)}");
    }

    [Theory]
    [InlineData("Pipeline:Media:ImageWidth")]
    [InlineData("Pipeline:Media:VideoSeconds")]
    [InlineData("Pipeline:Media:DefaultVoice:Name")]
    [InlineData("Pipeline:Lecture:Retry:Attempts")]
    [InlineData("Pipeline:Nothing:*")]
    public void Binds_KeyNoPropertyBinds_IsFalse(string key) => Assert.False(Binds(key));

    [Theory]
    [InlineData("Pipeline:Lecture:ImageWidth")]
    [InlineData("Pipeline:Lecture:Retry:MaxAttempts")]
    [InlineData("Pipeline:Media:FaultInjection:Latency:Sigma")]
    [InlineData("Pipeline:Storage:S3:*")]
    [InlineData("Pipeline:Telemetry:AzureMonitorConnectionString")]
    public void Binds_KeyAPropertyBinds_IsTrue(string key) => Assert.True(Binds(key));

    private static IEnumerable<(string Key, string File)> DocumentedKeys()
    {
        var root = HostProcess.RepositoryRoot;
        var documents = new[] { Path.Combine(root, "README.md") }
            .Concat(Directory.GetFiles(Path.Combine(root, "docs"), "*.md"))
            .Concat([Path.Combine(root, "local.settings.sample.json")])
            .Concat(Directory.GetFiles(Path.Combine(root, "infra", "bicep"), "*.bicep", SearchOption.AllDirectories));
        foreach (var file in documents)
        {
            var text = File.ReadAllText(file);
            var name = Path.GetRelativePath(root, file);
            foreach (Match match in ColonKey().Matches(text))
            {
                yield return (match.Value, name);
            }

            foreach (Match match in EnvironmentKey().Matches(text))
            {
                yield return (match.Value.Replace("__", ":", StringComparison.Ordinal), name);
            }
        }
    }

    /// <summary>Whether <paramref name="key"/> names a bound section, an options property (at any depth) or a key read by name.</summary>
    private static bool Binds(string key)
    {
        var types = Assemblies.Select(Assembly.Load).SelectMany(a => a.GetTypes()).ToList();
        var readByName = types.SelectMany(t => t.GetFields(BindingFlags.Public | BindingFlags.NonPublic | BindingFlags.Static))
            .Where(f => f.IsLiteral && f.FieldType == typeof(string))
            .Select(f => (string)f.GetRawConstantValue()!)
            .ToHashSet(StringComparer.OrdinalIgnoreCase);
        if (readByName.Contains(key))
        {
            return true;
        }

        var segments = key.Split(':');
        foreach (var type in types)
        {
            var section = type.GetField("Section", BindingFlags.Public | BindingFlags.Static)?.GetRawConstantValue() as string
                ?? type.GetField("SectionName", BindingFlags.Public | BindingFlags.Static)?.GetRawConstantValue() as string;
            var sectionSegments = section?.Split(':');
            if (sectionSegments is null || sectionSegments.Length > segments.Length
                || !sectionSegments.SequenceEqual(segments.Take(sectionSegments.Length), StringComparer.OrdinalIgnoreCase))
            {
                continue;
            }

            if (Walk(type, segments[sectionSegments.Length..]))
            {
                return true;
            }
        }

        return false;
    }

    private static bool Walk(Type type, string[] path)
    {
        if (path.Length == 0)
        {
            return true;
        }

        if (path[0] == "*")
        {
            return path.Length == 1 && type.GetProperties(BindingFlags.Public | BindingFlags.Instance).Any(p => p.SetMethod is { IsPublic: true });
        }

        var property = type.GetProperty(path[0], BindingFlags.Public | BindingFlags.Instance | BindingFlags.IgnoreCase);
        return property?.SetMethod is { IsPublic: true } && Walk(property.PropertyType, path[1..]);
    }

    [GeneratedRegex(@"Pipeline(:(\*|[A-Za-z][A-Za-z0-9]*))+")]
    private static partial Regex ColonKey();

    [GeneratedRegex(@"Pipeline(__[A-Za-z][A-Za-z0-9]*)+")]
    private static partial Regex EnvironmentKey();
}
