using System.Collections.Concurrent;
using System.Diagnostics.Metrics;

namespace Pipeline.Bench;

/// <summary>
/// Counts the HTTP requests this process completes, by server port, from the <c>System.Net.Http</c> meter's
/// <c>http.client.request.duration</c> instrument: the Azure SDK clients the storage backend uses all go through
/// <c>HttpClient</c>, so with Azurite on its own ports this is the engine's storage operations, per service.
/// </summary>
internal sealed class RequestCounter : IDisposable
{
    private readonly MeterListener listener = new();
    private readonly ConcurrentDictionary<int, long> byPort = new();

    public RequestCounter()
    {
        listener.InstrumentPublished = (instrument, l) =>
        {
            if (instrument.Meter.Name == "System.Net.Http" && instrument.Name == "http.client.request.duration")
            {
                l.EnableMeasurementEvents(instrument);
            }
        };
        listener.SetMeasurementEventCallback<double>((_, _, tags, _) =>
        {
            var port = 0;
            foreach (var tag in tags)
            {
                if (tag.Key == "server.port" && tag.Value is int p)
                {
                    port = p;
                }
            }

            byPort.AddOrUpdate(port, 1, (_, n) => n + 1);
        });
        listener.Start();
    }

    /// <summary>Requests completed so far to <paramref name="port"/>.</summary>
    public long Count(int port) => byPort.GetValueOrDefault(port);

    public Snapshot Take(BenchStorage storage) => new(Count(storage.BlobPort), Count(storage.QueuePort), Count(storage.TablePort));

    public void Dispose() => listener.Dispose();

    internal readonly record struct Snapshot(long Blob, long Queue, long Table)
    {
        public long Total => Blob + Queue + Table;

        public static Snapshot operator -(Snapshot a, Snapshot b) => new(a.Blob - b.Blob, a.Queue - b.Queue, a.Table - b.Table);
    }
}
