using CoreDataConverter = DurableTask.Core.Serializing.DataConverter;
using SdkDataConverter = Microsoft.DurableTask.DataConverter;

namespace Pipeline.Worker.Tests.Client;

/// <summary>Lets native DurableTask.Core orchestrations (de)serialize with the SDK converter the client uses.</summary>
public sealed class SdkConverterForCore(SdkDataConverter converter) : CoreDataConverter
{
    public override string? Serialize(object value) => converter.Serialize(value);

    public override string? Serialize(object value, bool formatted) => converter.Serialize(value);

    public override object? Deserialize(string data, Type objectType) => converter.Deserialize(data, objectType);
}
