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

    /// <summary>A text that identifies the value: quoted for strings, the expression for symbols.</summary>
    public abstract string Canonical { get; }

    /// <summary>The string a concrete value stands for, or the canonical text of a symbol.</summary>
    public string AsText => this switch
    {
        Text text => text.Value,
        _ => Canonical,
    };

    public override string ToString() => Canonical;
}
