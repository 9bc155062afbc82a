using System.Diagnostics.CodeAnalysis;
using Microsoft.DurableTask;
using Pipeline.Domain.Durable;

namespace Pipeline.Functions.Adapters;

/// <summary>
/// The Durable Task SDK's <see cref="DataConverter"/> over Domain's <see cref="IPayloadConverter"/> (registered as the
/// claim-check <c>OffloadingPayloadConverter</c>): every orchestration and activity input, orchestration output, event,
/// custom status and entity state the worker or client serializes goes through it.
/// </summary>
public sealed class ClaimCheckDataConverter(IPayloadConverter converter) : DataConverter
{
    [return: NotNullIfNotNull(nameof(value))]
    public override string? Serialize(object? value) => value is null ? null : converter.Serialize(value)!;

    [return: NotNullIfNotNull(nameof(data))]
    public override object? Deserialize(string? data, Type targetType) => data is null ? null : converter.Deserialize(data, targetType)!;
}
