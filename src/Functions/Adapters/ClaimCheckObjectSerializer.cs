using System.Text;
using Azure.Core.Serialization;
using Pipeline.Domain.Durable;

namespace Pipeline.Functions.Adapters;

/// <summary>
/// The worker's <see cref="ObjectSerializer"/> (<c>WorkerOptions.Serializer</c>) over Domain's <see cref="IPayloadConverter"/>.
/// The worker serializes an activity function's return value with it, so activity results are claim-checked like every
/// other durable payload; the Durable Task extension also derives its default converter from it.
/// </summary>
public sealed class ClaimCheckObjectSerializer(IPayloadConverter converter) : ObjectSerializer
{
    public override void Serialize(Stream stream, object? value, Type inputType, CancellationToken cancellationToken)
        => stream.Write(Encoding.UTF8.GetBytes(converter.Serialize(value) ?? "null"));

    public override ValueTask SerializeAsync(Stream stream, object? value, Type inputType, CancellationToken cancellationToken)
        => stream.WriteAsync(Encoding.UTF8.GetBytes(converter.Serialize(value) ?? "null"), cancellationToken);

    public override object? Deserialize(Stream stream, Type returnType, CancellationToken cancellationToken)
        => converter.Deserialize(BinaryData.FromStream(stream).ToString(), returnType);

    public override async ValueTask<object?> DeserializeAsync(Stream stream, Type returnType, CancellationToken cancellationToken)
        => converter.Deserialize((await BinaryData.FromStreamAsync(stream, cancellationToken)).ToString(), returnType);
}
