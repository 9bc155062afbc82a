namespace Pipeline.Domain.Durable;

/// <summary>Identifies one entity: its (case-insensitive, stored lower-case) name and a key.</summary>
public readonly record struct EntityInstanceId
{
    public EntityInstanceId(string name, string key)
    {
        ArgumentException.ThrowIfNullOrEmpty(name);
        ArgumentNullException.ThrowIfNull(key);
        if (name.Contains('@', StringComparison.Ordinal))
        {
            throw new ArgumentException("An entity name cannot contain '@'.", nameof(name));
        }

        Name = name.ToLowerInvariant();
        Key = key;
    }

    public string Name { get; }

    public string Key { get; }

    /// <summary>The durable form, <c>@name@key</c>, as Durable Functions writes it.</summary>
    public override string ToString() => $"@{Name}@{Key}";

    public static EntityInstanceId Parse(string value)
    {
        ArgumentNullException.ThrowIfNull(value);
        var second = value.Length > 1 && value[0] == '@' ? value.IndexOf('@', 1) : -1;
        return second < 0
            ? throw new FormatException($"'{value}' is not an entity instance id of the form @name@key.")
            : new EntityInstanceId(value[1..second], value[(second + 1)..]);
    }
}
