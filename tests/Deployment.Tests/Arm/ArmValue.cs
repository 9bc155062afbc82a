using System.Globalization;
using System.Text.Json;

namespace Pipeline.Deployment.Tests.Arm;

/// <summary>
/// The value of a template expression as far as it can be known before deployment: a concrete string, number or
/// boolean, a JSON object or array of the template, or a symbol — the canonical text of what only Azure can evaluate
/// (a resource id, a reference to a deployed resource's property, a root parameter). Two symbols are equal when they
/// denote the same thing, e.g. the identity's principal id seen from two modules.
/// </summary>
public abstract record ArmValue
{
    public sealed record Text(string Value) : ArmValue
    {
        public override string Canonical => $"'{Value}'";
    }

    public sealed record Number(long Value) : ArmValue
    {
        public override string Canonical => Value.ToString(CultureInfo.InvariantCulture);
    }

    public sealed record Boolean(bool Value) : ArmValue
    {
        public override string Canonical => Value ? "true" : "false";
    }

    public sealed record Json(JsonElement Element, ArmScope Scope) : ArmValue
    {
        public override string Canonical => Element.GetRawText();
    }

    public sealed record Symbol(string Expression) : ArmValue
    {
        public override string Canonical => Expression;
    }

    /// <summary>An array built by an expression (<c>createArray</c>, <c>concat</c> of arrays).</summary>
    public sealed record List(IReadOnlyList<ArmValue> Items) : ArmValue
    {
        public override string Canonical => $"createArray({string.Join(", ", Items.Select(i => i.Canonical))})";

        public bool Equals(List? other) => other is not null && Canonical == other.Canonical;

        public override int GetHashCode() => Canonical.GetHashCode(StringComparison.Ordinal);
    }

    /// <summary>An object built by an expression (<c>createObject</c>).</summary>
    public sealed record Map(IReadOnlyList<KeyValuePair<string, ArmValue>> Properties) : ArmValue
    {
        public override string Canonical
            => $"createObject({string.Join(", ", Properties.Select(p => $"'{p.Key}', {p.Value.Canonical}"))})";

        public bool Equals(Map? other) => other is not null && Canonical == other.Canonical;

        public override int GetHashCode() => Canonical.GetHashCode(StringComparison.Ordinal);
    }

    /// <summary>A text that identifies the value: quoted for strings, the expression for symbols.</summary>
    public abstract string Canonical { get; }

    /// <summary>The string a concrete value stands for, or the canonical text of a symbol.</summary>
    public string AsText => this switch
    {
        Text text => text.Value,
        _ => Canonical,
    };

    /// <summary>The entries of an array (a template's JSON array or one an expression built); null for anything else.</summary>
    public IReadOnlyList<ArmValue>? Entries => this switch
    {
        List list => list.Items,
        Json { Element.ValueKind: JsonValueKind.Array } json => json.Element.EnumerateArray().Select(json.Scope.Evaluate).ToList(),
        _ => null,
    };

    /// <summary>A property of an object (a template's JSON object or one an expression built), evaluated; null when absent.</summary>
    public ArmValue? Member(string name) => this switch
    {
        Map map => map.Properties.Where(p => string.Equals(p.Key, name, StringComparison.OrdinalIgnoreCase)).Select(p => p.Value).FirstOrDefault(),
        Json { Element.ValueKind: JsonValueKind.Object } json when json.Element.TryGetProperty(name, out var property) => json.Scope.Evaluate(property),
        _ => null,
    };

    public override string ToString() => Canonical;
}
