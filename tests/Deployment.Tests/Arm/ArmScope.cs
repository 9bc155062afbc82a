using System.Globalization;
using System.Text.Json;

namespace Pipeline.Deployment.Tests.Arm;

/// <summary>
/// One template of the compiled deployment: the root template or a module's nested template (inner expression
/// scope, as Bicep emits it). Evaluates expressions as far as they can be known without Azure: parameters of a module
/// resolve to what its parent passes, variables and <c>format</c> are computed, a module output read through
/// <c>reference(...).outputs.x.value</c> resolves to that output, and everything else becomes a canonical symbol.
/// </summary>
public sealed class ArmScope
{
    private const string DeploymentsType = "Microsoft.Resources/deployments";

    private readonly JsonElement? _moduleResource;

    private ArmScope(string path, JsonElement template, ArmScope? parent, JsonElement? moduleResource)
    {
        Path = path;
        Template = template;
        Parent = parent;
        _moduleResource = moduleResource;
    }

    public string Path { get; }

    public JsonElement Template { get; }

    public ArmScope? Parent { get; }

    public static ArmScope Root(JsonElement template) => new("main", template, null, null);

    /// <summary>The template's resources (the array form and the symbolic-name object form both).</summary>
    public IEnumerable<JsonElement> Resources
    {
        get
        {
            if (!Template.TryGetProperty("resources", out var resources))
            {
                yield break;
            }

            if (resources.ValueKind == JsonValueKind.Array)
            {
                foreach (var resource in resources.EnumerateArray())
                {
                    yield return resource;
                }
            }
            else if (resources.ValueKind == JsonValueKind.Object)
            {
                foreach (var property in resources.EnumerateObject())
                {
                    yield return property.Value;
                }
            }
        }
    }

    /// <summary>The scopes of the modules this template deploys.</summary>
    public IEnumerable<ArmScope> Modules
        => Resources
            .Where(r => r.GetProperty("type").GetString() == DeploymentsType && r.GetProperty("properties").TryGetProperty("template", out _))
            .Select(ChildOf);

    public ArmScope Module(string name)
        => Modules.SingleOrDefault(m => m.Path.EndsWith("/" + name, StringComparison.Ordinal))
            ?? throw new KeyNotFoundException($"{Path} deploys no module '{name}'.");

    public ArmValue Evaluate(JsonElement value) => value.ValueKind switch
    {
        JsonValueKind.String => Evaluate(ArmExpression.ParseValue(value.GetString()!)),
        JsonValueKind.Number => new ArmValue.Number(value.GetInt64()),
        JsonValueKind.True => new ArmValue.Boolean(true),
        JsonValueKind.False => new ArmValue.Boolean(false),
        _ => new ArmValue.Json(value, this),
    };

    public ArmValue Evaluate(ArmExpression expression) => expression switch
    {
        ArmExpression.Literal literal => new ArmValue.Text(literal.Value),
        ArmExpression.Number number => new ArmValue.Number(number.Value),
        ArmExpression.Member member => EvaluateMember(member),
        ArmExpression.Index index => EvaluateIndex(index),
        ArmExpression.Call call => EvaluateCall(call),
        _ => throw new NotSupportedException(expression.ToString()),
    };

    /// <summary>What this module's parent passes for <paramref name="name"/>; a symbol at the root.</summary>
    public ArmValue Parameter(string name)
    {
        if (Parent is null || _moduleResource is not { } module)
        {
            return new ArmValue.Symbol($"parameters('{name}')");
        }

        if (!module.GetProperty("properties").GetProperty("parameters").TryGetProperty(name, out var passed))
        {
            return Template.GetProperty("parameters").GetProperty(name).TryGetProperty("defaultValue", out var fallback)
                ? Evaluate(fallback)
                : throw new KeyNotFoundException($"Module {Path} gets no value for parameter '{name}'.");
        }

        return Parent.Evaluate(passed.GetProperty("value"));
    }

    public ArmValue Output(string name) => Evaluate(Template.GetProperty("outputs").GetProperty(name).GetProperty("value"));

    private ArmScope ChildOf(JsonElement deployment)
    {
        var name = Evaluate(deployment.GetProperty("name")).AsText;
        return new ArmScope($"{Path}/{name}", deployment.GetProperty("properties").GetProperty("template"), this, deployment);
    }

    private ArmValue EvaluateCall(ArmExpression.Call call)
    {
        switch (call.Name.ToLowerInvariant())
        {
            case "parameters":
                return Parameter(Evaluate(call.Arguments[0]).AsText);
            case "variables":
                return Evaluate(Template.GetProperty("variables").GetProperty(Evaluate(call.Arguments[0]).AsText));
            case "format":
                return Format(call);
            case "concat":
                var parts = call.Arguments.Select(Evaluate).ToList();
                return parts.All(p => p is ArmValue.Text)
                    ? new ArmValue.Text(string.Concat(parts.Select(p => p.AsText)))
                    : Symbolic(call.Name, parts);
            case "reference":
                return Symbolic(call.Name, [Evaluate(call.Arguments[0])]);
            default:
                return Symbolic(call.Name, call.Arguments.Select(Evaluate));
        }
    }

    private ArmValue Format(ArmExpression.Call call)
    {
        var arguments = call.Arguments.Select(Evaluate).ToList();
        if (arguments is [ArmValue.Text { Value: "{0}" }, var only])
        {
            // '${x}' in Bicep: the value itself.
            return only;
        }

        if (arguments[0] is ArmValue.Text template && arguments.Skip(1).All(a => a is ArmValue.Text or ArmValue.Number))
        {
            var values = arguments.Skip(1).Select(a => (object)a.AsText).ToArray();
            return new ArmValue.Text(string.Format(CultureInfo.InvariantCulture, template.Value, values));
        }

        return Symbolic(call.Name, arguments);
    }

    private ArmValue EvaluateMember(ArmExpression.Member member)
    {
        // reference(resourceId('Microsoft.Resources/deployments', 'name'), '...').outputs.x.value: a module's output.
        if (member is
            {
                Name: "value",
                Target: ArmExpression.Member
                {
                    Name: var output,
                    Target: ArmExpression.Member { Name: "outputs", Target: ArmExpression.Call { Name: "reference" } reference },
                },
            }
            && reference.Arguments[0] is ArmExpression.Call { Name: "resourceId", Arguments: [var type, var moduleName] }
            && Evaluate(type).AsText == DeploymentsType)
        {
            return Module(Evaluate(moduleName).AsText).Output(output);
        }

        var target = Evaluate(member.Target);
        if (target is ArmValue.Json { Element.ValueKind: JsonValueKind.Object } json
            && json.Element.TryGetProperty(member.Name, out var property))
        {
            return json.Scope.Evaluate(property);
        }

        return new ArmValue.Symbol($"{target.Canonical}.{member.Name}");
    }

    private ArmValue EvaluateIndex(ArmExpression.Index index)
    {
        var target = Evaluate(index.Target);
        var key = Evaluate(index.Key);
        if (target is ArmValue.Json json)
        {
            if (json.Element.ValueKind == JsonValueKind.Array && key is ArmValue.Number i)
            {
                return json.Scope.Evaluate(json.Element[(int)i.Value]);
            }

            if (json.Element.ValueKind == JsonValueKind.Object && key is ArmValue.Text t && json.Element.TryGetProperty(t.Value, out var property))
            {
                return json.Scope.Evaluate(property);
            }
        }

        return new ArmValue.Symbol($"{target.Canonical}[{key.Canonical}]");
    }

    private static ArmValue.Symbol Symbolic(string name, IEnumerable<ArmValue> arguments)
        => new($"{name}({string.Join(", ", arguments.Select(a => a.Canonical))})");

    public override string ToString() => Path;
}
