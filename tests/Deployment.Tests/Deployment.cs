using System.Text.Json;
using Pipeline.Deployment.Tests.Arm;

namespace Pipeline.Deployment.Tests;

/// <summary>Views of the compiled deployment that several tests share.</summary>
public static class Deployment
{
    public static ArmResource Identity(this ArmTemplate template) => template.One(Resources.Identity);

    /// <summary>The identity's principal (object) id, as any template reads it: <c>reference(identity id).principalId</c>.</summary>
    public static ArmValue.Symbol PrincipalId(this ArmTemplate template) => new($"reference({template.Identity().Id}).principalId");

    public static ArmValue.Symbol ClientId(this ArmTemplate template) => new($"reference({template.Identity().Id}).clientId");

    public static ArmResource FunctionApp(this ArmTemplate template)
        => template.OfType(Resources.Site).Single(s => s.Get("kind").AsText.Contains("functionapp", StringComparison.Ordinal));

    /// <summary>The function app's settings (siteConfig.appSettings), by name, evaluated.</summary>
    public static IReadOnlyDictionary<string, ArmValue> AppSettings(this ArmTemplate template)
    {
        var site = template.FunctionApp();
        var settings = new Dictionary<string, ArmValue>(StringComparer.Ordinal);
        foreach (var entry in site.Array("properties", "siteConfig", "appSettings"))
        {
            var name = Assert.IsType<ArmValue.Text>(entry.Member("name")).Value;
            var value = entry.Member("value") ?? throw new KeyNotFoundException($"App setting {name} has no value.");
            Assert.True(settings.TryAdd(name, value), $"App setting {name} is set twice.");
        }

        return settings;
    }

    public static IReadOnlyList<ArmResource> RoleAssignmentsOf(this ArmTemplate template, string roleDefinitionGuid)
    {
        var roleDefinitionId = $"subscriptionResourceId('Microsoft.Authorization/roleDefinitions', '{roleDefinitionGuid}')";
        return template.OfType(Resources.RoleAssignment)
            .Where(r => r.Get("properties", "roleDefinitionId").Canonical == roleDefinitionId)
            .ToList();
    }

    public static string Raw(this ArmTemplate template) => template.Document.RootElement.GetRawText();

    public static IEnumerable<string> Strings(JsonElement element)
    {
        switch (element.ValueKind)
        {
            case JsonValueKind.String:
                yield return element.GetString()!;
                break;
            case JsonValueKind.Array:
                foreach (var item in element.EnumerateArray().SelectMany(Strings))
                {
                    yield return item;
                }

                break;
            case JsonValueKind.Object:
                foreach (var property in element.EnumerateObject())
                {
                    yield return property.Name;
                    foreach (var item in Strings(property.Value))
                    {
                        yield return item;
                    }
                }

                break;
            default:
                break;
        }
    }
}
