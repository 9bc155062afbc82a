using CoreDataConverter = DurableTask.Core.Serializing.DataConverter;
using SdkDataConverter = Microsoft.DurableTask.DataConverter;

namespace Pipeline.Worker;

/// <summary>
/// A DurableTask.Core <see cref="CoreDataConverter"/> over the SDK's <see cref="SdkDataConverter"/>, so DurableTask.Core
/// code (a <c>TaskHubClient</c>, message and error payloads) reads and writes what SDK workflow classes read and write.
/// </summary>
public sealed class SdkDataConverterAdapter(SdkDataConverter converter) : CoreDataConverter
{
    public SdkDataConverter Converter { get; } = converter ?? throw new ArgumentNullException(nameof(converter));

    public override string? Serialize(object? value) => Converter.Serialize(value);

    /// <summary>The SDK converter has no formatting switch; <paramref name="formatted"/> is ignored.</summary>
    public override string? Serialize(object? value, bool formatted) => Converter.Serialize(value);

    public override object? Deserialize(string? data, Type objectType) => Converter.Deserialize(data, objectType);
}
