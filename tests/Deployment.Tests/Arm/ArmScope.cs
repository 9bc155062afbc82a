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
    private readonly IReadOnlyDictionary<string, JsonElement> _parameters;
    private readonly int? _copyIndex;

    private ArmScope(
        string path, JsonElement template, ArmScope? parent, JsonElement? moduleResource, IReadOnlyDictionary<string, JsonElement> parameters, int? copyIndex)
    {
        Path = path;
        Template = template;
        Parent = parent;
        _moduleResource = moduleResource;
        _parameters = parameters;
        _copyIndex = copyIndex;
    }

    public string Path { get; }

    public JsonElement Template { get; }

    public ArmScope? Parent { get; }

    /// <summary>
    /// The root template. A parameter in <paramref name="parameters"/> takes that value (as a deployment with those
    /// values would); any other stays the symbol <c>parameters('name')</c>.
    /// </summary>
    public static ArmScope Root(JsonElement template, IReadOnlyDictionary<string, JsonElement>? parameters = null)
        => new("main", template, null, null, parameters ?? new Dictionary<string, JsonElement>(), null);

    /// <summary>The same template evaluated for one iteration of a resource copy loop (<c>copyIndex()</c>).</summary>
    public ArmScope ForCopy(int index) => new(Path, Template, Parent, _moduleResource, _parameters, index);

    /// <summary>
    /// False only when the resource's <c>condition</c> is known to be false; a resource whose condition depends on
    /// something only Azure knows may be deployed.
    /// </summary>
    public bool MayDeploy(JsonElement resource)
        => !resource.TryGetProperty("condition", out var condition) || Evaluate(condition) is not ArmValue.Boolean { Value: false };

    /// <summary>How many copies of the resource a deployment creates: 1 without a copy loop, null when only Azure knows.</summary>
    public int? CopyCount(JsonElement resource)
    {
        if (!resource.TryGetProperty("copy", out var copy))
        {
            return 1;
        }

        return Evaluate(copy.GetProperty("count")) is ArmValue.Number count ? (int)count.Value : null;
    }

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
            .Where(MayDeploy)
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
            return _parameters.TryGetValue(name, out var bound) ? Evaluate(bound) : new ArmValue.Symbol($"parameters('{name}')");
        }

        if (!module.GetProperty("properties").GetProperty("parameters").TryGetProperty(name, out var passed))
        {
            return Template.GetProperty("parameters").GetProperty(name).TryGetProperty("defaultValue", out var fallback)
                ? Evaluate(fallback)
                : throw new KeyNotFoundException($"Module {Path} gets no value for parameter '{name}'.");
        }

        // Bicep passes { "value": x }, or an expression that builds that object when the value is conditional.
        if (passed.ValueKind == JsonValueKind.Object)
        {
            return Parent.Evaluate(passed.GetProperty("value"));
        }

        var built = Parent.Evaluate(passed);
        return built.Member("value") ?? new ArmValue.Symbol($"{built.Canonical}.value");
    }

    public ArmValue Output(string name) => Evaluate(Template.GetProperty("outputs").GetProperty(name).GetProperty("value"));

    private ArmScope ChildOf(JsonElement deployment)
    {
        var name = Evaluate(deployment.GetProperty("name")).AsText;
        return new ArmScope($"{Path}/{name}", deployment.GetProperty("properties").GetProperty("template"), this, deployment, _parameters, null);
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
                if (parts.All(p => p is ArmValue.Text))
                {
                    return new ArmValue.Text(string.Concat(parts.Select(p => p.AsText)));
                }

                return parts.All(p => p.Entries is not null)
                    ? new ArmValue.List(parts.SelectMany(p => p.Entries!).ToList())
                    : Symbolic(call.Name, parts);
            case "reference":
                return Symbolic(call.Name, [Evaluate(call.Arguments[0])]);
            case "if":
                return If(call);
            case "createarray":
                return new ArmValue.List(call.Arguments.Select(Evaluate).ToList());
            case "createobject":
                return CreateObject(call);
            case "copyindex" when _copyIndex is { } index:
                var offset = call.Arguments.Count == 1 && Evaluate(call.Arguments[0]) is ArmValue.Number n ? n.Value : 0;
                return new ArmValue.Number(index + offset);
            case "not":
                return Evaluate(call.Arguments[0]) is ArmValue.Boolean b ? new ArmValue.Boolean(!b.Value) : Symbolic(call);
            case "and" or "or":
                return Logical(call);
            case "equals":
                return Equal(call);
            case "empty":
                return Empty(call);
            case "length":
                return Length(call);
            default:
                return Symbolic(call);
        }
    }

    // ARM evaluates only the branch the condition picks; so does this, when the condition is known.
    private ArmValue If(ArmExpression.Call call)
        => Evaluate(call.Arguments[0]) switch
        {
            ArmValue.Boolean { Value: true } => Evaluate(call.Arguments[1]),
            ArmValue.Boolean { Value: false } => Evaluate(call.Arguments[2]),
            var condition => Symbolic(call.Name, [condition, Evaluate(call.Arguments[1]), Evaluate(call.Arguments[2])]),
        };

    private ArmValue CreateObject(ArmExpression.Call call)
    {
        var arguments = call.Arguments.Select(Evaluate).ToList();
        if (arguments.Where((_, i) => i % 2 == 0).Any(k => k is not ArmValue.Text))
        {
            return Symbolic(call.Name, arguments);
        }

        return new ArmValue.Map(arguments.Chunk(2).Select(p => KeyValuePair.Create(p[0].AsText, p[1])).ToList());
    }

    private ArmValue Logical(ArmExpression.Call call)
    {
        var operands = call.Arguments.Select(Evaluate).ToList();
        if (operands.Any(o => o is not ArmValue.Boolean))
        {
            return Symbolic(call.Name, operands);
        }

        var values = operands.Cast<ArmValue.Boolean>().Select(b => b.Value);
        return new ArmValue.Boolean(call.Name.Equals("and", StringComparison.OrdinalIgnoreCase) ? values.All(v => v) : values.Any(v => v));
    }

    private ArmValue Equal(ArmExpression.Call call)
    {
        var (left, right) = (Evaluate(call.Arguments[0]), Evaluate(call.Arguments[1]));
        return left is ArmValue.Symbol || right is ArmValue.Symbol
            ? Symbolic(call.Name, [left, right])
            : new ArmValue.Boolean(left.Canonical == right.Canonical);
    }

    private ArmValue Empty(ArmExpression.Call call)
    {
        var value = Evaluate(call.Arguments[0]);
        return value switch
        {
            ArmValue.Text text => new ArmValue.Boolean(text.Value.Length == 0),
            ArmValue.Map map => new ArmValue.Boolean(map.Properties.Count == 0),
            ArmValue.Json { Element.ValueKind: JsonValueKind.Object } json => new ArmValue.Boolean(!json.Element.EnumerateObject().Any()),
            _ when value.Entries is { } entries => new ArmValue.Boolean(entries.Count == 0),
            _ => Symbolic(call.Name, [value]),
        };
    }

    private ArmValue Length(ArmExpression.Call call)
    {
        var value = Evaluate(call.Arguments[0]);
        return value switch
        {
            ArmValue.Text text => new ArmValue.Number(text.Value.Length),
            _ when value.Entries is { } entries => new ArmValue.Number(entries.Count),
            _ => Symbolic(call.Name, [value]),
        };
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
        if (target is ArmValue.Json or ArmValue.Map && target.Member(member.Name) is { } property)
        {
            return property;
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

        if (target is ArmValue.List list && key is ArmValue.Number n && n.Value < list.Items.Count)
        {
            return list.Items[(int)n.Value];
        }

        if (target is ArmValue.Map && key is ArmValue.Text name && target.Member(name.Value) is { } member)
        {
            return member;
        }

        return new ArmValue.Symbol($"{target.Canonical}[{key.Canonical}]");
    }

    private ArmValue.Symbol Symbolic(ArmExpression.Call call) => Symbolic(call.Name, call.Arguments.Select(Evaluate));

    private static ArmValue.Symbol Symbolic(string name, IEnumerable<ArmValue> arguments)
        => new($"{name}({string.Join(", ", arguments.Select(a => a.Canonical))})");

    public override string ToString() => Path;
}
