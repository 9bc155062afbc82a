using System.Text.Json;

namespace Pipeline.Deployment.Tests.Arm;

/// <summary>The compiled deployment (main.bicep as ARM JSON) with every resource of every module.</summary>
public sealed class ArmTemplate
{
    private ArmTemplate(JsonDocument document, IReadOnlyDictionary<string, JsonElement>? parameters)
    {
        Document = document;
        Root = ArmScope.Root(document.RootElement, parameters);
        Resources = Collect(Root).ToList();
    }

    public JsonDocument Document { get; }

    public ArmScope Root { get; }

    /// <summary>Every resource, in the root template and in each module's template (module deployments included).</summary>
    public IReadOnlyList<ArmResource> Resources { get; }

    /// <summary>
    /// Parses a compiled template. With <paramref name="parameters"/>, those root parameters take the given values:
    /// conditions and copy counts that depend on them resolve, and resources a false condition leaves out are absent.
    /// </summary>
    public static ArmTemplate Parse(string json, IReadOnlyDictionary<string, JsonElement>? parameters = null)
        => new(JsonDocument.Parse(json), parameters);

    /// <summary>
    /// The values a deployment with <paramref name="parametersJson"/> (a deployment parameters document, as
    /// <c>bicep build-params</c> writes it) gives every root parameter of <paramref name="templateJson"/>: the file's
    /// value, else the parameter's default.
    /// </summary>
    public static IReadOnlyDictionary<string, JsonElement> DeploymentParameters(string templateJson, string parametersJson)
    {
        var values = new Dictionary<string, JsonElement>(StringComparer.OrdinalIgnoreCase);
        using (var template = JsonDocument.Parse(templateJson))
        {
            foreach (var parameter in template.RootElement.GetProperty("parameters").EnumerateObject())
            {
                if (parameter.Value.TryGetProperty("defaultValue", out var fallback))
                {
                    values[parameter.Name] = fallback.Clone();
                }
            }
        }

        using (var file = JsonDocument.Parse(parametersJson))
        {
            foreach (var parameter in file.RootElement.GetProperty("parameters").EnumerateObject())
            {
                values[parameter.Name] = parameter.Value.GetProperty("value").Clone();
            }
        }

        return values;
    }

    public IReadOnlyList<ArmResource> OfType(string type)
        => Resources.Where(r => string.Equals(r.Type, type, StringComparison.OrdinalIgnoreCase)).ToList();

    public ArmResource One(string type)
    {
        var matches = OfType(type);
        Assert.True(matches.Count == 1, $"Expected exactly one {type}, found {matches.Count}.");
        return matches[0];
    }

    private static IEnumerable<ArmResource> Collect(ArmScope scope)
    {
        foreach (var resource in scope.Resources.Where(scope.MayDeploy))
        {
            if (scope.CopyCount(resource) is { } count && resource.TryGetProperty("copy", out _))
            {
                for (var i = 0; i < count; i++)
                {
                    yield return new ArmResource(resource, scope.ForCopy(i));
                }
            }
            else
            {
                yield return new ArmResource(resource, scope);
            }
        }

        foreach (var module in scope.Modules)
        {
            foreach (var resource in Collect(module))
            {
                yield return resource;
            }
        }
    }
}

/// <summary>One resource of the compiled deployment and the template scope its expressions are evaluated in.</summary>
public sealed class ArmResource(JsonElement json, ArmScope scope)
{
    public JsonElement Json { get; } = json;

    public ArmScope Scope { get; } = scope;

    public string Type => Json.GetProperty("type").GetString()!;

    public ArmValue Name => Scope.Evaluate(Json.GetProperty("name"));

    /// <summary>The resource id as a symbol, in the same canonical form <c>resourceId(type, name)</c> takes anywhere.</summary>
    public string Id => $"resourceId('{Type}', {Name.Canonical})";

    /// <summary>The value at a property path (names, or indexes into arrays), evaluated.</summary>
    public ArmValue Get(params string[] path) => Scope.Evaluate(Element(path));

    public bool Has(params string[] path) => TryElement(path, out _);

    public JsonElement Element(params string[] path)
        => TryElement(path, out var element)
            ? element
            : throw new KeyNotFoundException($"{Type} {Name} in {Scope} has no {string.Join('.', path)}.");

    /// <summary>The evaluated entries of an array property.</summary>
    public IReadOnlyList<ArmValue> Array(params string[] path)
    {
        var value = Get(path);
        if (value.Entries is { } entries)
        {
            return entries;
        }

        var text = value.Canonical;
        throw new InvalidOperationException(
            $"{string.Join('.', path)} of {Type} is not an array before deployment: {(text.Length > 300 ? text[..300] + "…" : text)}");
    }

    /// <summary>The evaluated property names of an object property (keys may be expressions, e.g. identity ids).</summary>
    public IReadOnlyList<ArmValue> Keys(params string[] path)
        => Element(path).EnumerateObject().Select(p => Scope.Evaluate(ArmExpression.ParseValue(p.Name))).ToList();

    public override string ToString() => $"{Type} {Name} ({Scope})";

    private bool TryElement(string[] path, out JsonElement element)
    {
        element = Json;
        foreach (var step in path)
        {
            if (element.ValueKind == JsonValueKind.Array && int.TryParse(step, out var index) && index < element.GetArrayLength())
            {
                element = element[index];
            }
            else if (element.ValueKind != JsonValueKind.Object || !element.TryGetProperty(step, out element))
            {
                return false;
            }
        }

        return true;
    }
}
