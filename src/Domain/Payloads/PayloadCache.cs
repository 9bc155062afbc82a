namespace Pipeline.Domain.Payloads;

/// <summary>
/// Recently resolved payloads (their UTF-8 JSON), least recently used first out, bounded by total bytes. Replays
/// deserialise the same inputs again and again; this spares a blob read each time. Thread-safe.
/// </summary>
internal sealed class PayloadCache(long capacityBytes)
{
    private readonly Lock gate = new();
    private readonly Dictionary<string, LinkedListNode<(string Sha256, byte[] Json)>> index = new(StringComparer.Ordinal);
    private readonly LinkedList<(string Sha256, byte[] Json)> recency = new();
    private long size;

    public bool TryGet(string sha256, out byte[] json)
    {
        lock (gate)
        {
            if (index.TryGetValue(sha256, out var node))
            {
                recency.Remove(node);
                recency.AddFirst(node);
                json = node.Value.Json;
                return true;
            }
        }

        json = [];
        return false;
    }

    public void Add(string sha256, byte[] json)
    {
        if (json.Length > capacityBytes)
        {
            return;
        }

        lock (gate)
        {
            if (index.ContainsKey(sha256))
            {
                return;
            }

            index[sha256] = recency.AddFirst((sha256, json));
            size += json.Length;
            while (size > capacityBytes && recency.Last is { } oldest)
            {
                recency.RemoveLast();
                index.Remove(oldest.Value.Sha256);
                size -= oldest.Value.Json.Length;
            }
        }
    }
}
