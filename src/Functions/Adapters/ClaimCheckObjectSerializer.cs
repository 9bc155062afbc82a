using System.Text;
using Azure.Core.Serialization;
using Microsoft.DurableTask;

namespace Pipeline.Functions.Adapters;

/// <summary>
/// The worker's <see cref="ObjectSerializer"/> (<c>WorkerOptions.Serializer</c>) over the Durable Task
/// <see cref="DataConverter"/> the layers register (the claim-check <c>OffloadingPayloadConverter</c>).
/// </summary>
/// <remarks>
/// The Functions worker, not the Durable Task SDK, serializes an activity function's return value, and it does so with
/// this serializer. The Durable Task extension also derives the worker's and the client's
/// <see cref="DataConverter"/> from it (its post-configure actions replace any converter found in DI), so this one
/// serializer makes every durable payload — inputs, outputs, events, custom status, entity state — go through the
/// same claim check.
/// </remarks>
public sealed class ClaimCheckObjectSerializer(DataConverter converter) : ObjectSerializer
{
    public override void Serialize(Stream stream, object? value, Type inputType, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(stream);
        stream.Write(Encode(value));
    }

    public override ValueTask SerializeAsync(Stream stream, object? value, Type inputType, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(stream);
        return stream.WriteAsync(Encode(value), cancellationToken);
    }

    public override object? Deserialize(Stream stream, Type returnType, CancellationToken cancellationToken)
        => converter.Deserialize(BinaryData.FromStream(stream).ToString(), returnType);

    public override async ValueTask<object?> DeserializeAsync(Stream stream, Type returnType, CancellationToken cancellationToken)
        => converter.Deserialize((await BinaryData.FromStreamAsync(stream, cancellationToken).ConfigureAwait(false)).ToString(), returnType);

    private byte[] Encode(object? value) => Encoding.UTF8.GetBytes(converter.Serialize(value) ?? "null");
}
