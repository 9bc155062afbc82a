using System.Globalization;
using System.Net.Sockets;
using System.Text;

namespace Pipeline.Standalone.Tests.Http;

/// <summary>
/// HTTP/1.1 over a bare socket, for requests <see cref="HttpClient"/> will not produce: a chunk size that is not hex,
/// a body that trickles in, a request line or headers over the server's limits. The response is read while the body
/// is still being sent, as a server may answer (and close) before it has read the whole body.
/// </summary>
public static class RawHttp
{
    public sealed record Response(int Status, IReadOnlyDictionary<string, string> Headers, string Body)
    {
        public string? ContentType => Headers.TryGetValue("content-type", out var value) ? value : null;
    }

    /// <summary>
    /// Sends <paramref name="head"/> (request line and headers, ending in an empty line), then lets
    /// <paramref name="body"/> write to the connection until the response has been read or the server closes it.
    /// </summary>
    public static async Task<Response> SendAsync(Uri server, string head, Func<Stream, CancellationToken, Task>? body = null, TimeSpan? timeout = null)
    {
        using var deadline = new CancellationTokenSource(timeout ?? TimeSpan.FromSeconds(60));
        using var tcp = new TcpClient();
        await tcp.ConnectAsync(server.Host, server.Port, deadline.Token);
        await using var stream = tcp.GetStream();
        await stream.WriteAsync(Encoding.ASCII.GetBytes(head), deadline.Token);

        using var answered = CancellationTokenSource.CreateLinkedTokenSource(deadline.Token);
        var sending = body is null ? Task.CompletedTask : SendBodyAsync(stream, body, answered.Token);
        try
        {
            return await ReadResponseAsync(stream, deadline.Token);
        }
        finally
        {
            await answered.CancelAsync();
            await sending;
        }
    }

    /// <summary>A chunked body of <paramref name="total"/> bytes in chunks of <paramref name="chunk"/> bytes, then the last chunk.</summary>
    public static Func<Stream, CancellationToken, Task> Chunked(long total, int chunk) => async (stream, cancellationToken) =>
    {
        var data = new byte[chunk];
        Array.Fill(data, (byte)' ');
        var size = Encoding.ASCII.GetBytes(chunk.ToString("x", CultureInfo.InvariantCulture) + "\r\n");
        var end = "\r\n"u8.ToArray();
        for (long sent = 0; sent < total; sent += chunk)
        {
            await stream.WriteAsync(size, cancellationToken);
            await stream.WriteAsync(data, cancellationToken);
            await stream.WriteAsync(end, cancellationToken);
        }

        await stream.WriteAsync("0\r\n\r\n"u8.ToArray(), cancellationToken);
    };

    /// <summary>One byte of <paramref name="text"/> every <paramref name="interval"/>: a client slower than any data rate the server accepts.</summary>
    public static Func<Stream, CancellationToken, Task> Trickle(string text, TimeSpan interval) => async (stream, cancellationToken) =>
    {
        using var pace = new PeriodicTimer(interval);
        foreach (var b in Encoding.UTF8.GetBytes(text))
        {
            await stream.WriteAsync(new[] { b }, cancellationToken);
            await pace.WaitForNextTickAsync(cancellationToken);
        }
    };

    public static Func<Stream, CancellationToken, Task> Bytes(string text)
        => (stream, cancellationToken) => stream.WriteAsync(Encoding.ASCII.GetBytes(text), cancellationToken).AsTask();

    private static async Task SendBodyAsync(Stream stream, Func<Stream, CancellationToken, Task> body, CancellationToken cancellationToken)
    {
        try
        {
            await body(stream, cancellationToken);
        }
        catch (Exception e) when (e is IOException or OperationCanceledException or ObjectDisposedException)
        {
            // The server answered or closed the connection before the body was sent: what the test is about.
        }
    }

    private static async Task<Response> ReadResponseAsync(Stream stream, CancellationToken cancellationToken)
    {
        var reader = new ByteReader(stream);
        var statusLine = await reader.ReadLineAsync(cancellationToken)
            ?? throw new IOException("The server closed the connection without answering.");
        var parts = statusLine.Split(' ', 3);
        var status = int.Parse(parts[1], CultureInfo.InvariantCulture);
        var headers = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
        while (await reader.ReadLineAsync(cancellationToken) is { Length: > 0 } line)
        {
            var colon = line.IndexOf(':', StringComparison.Ordinal);
            headers[line[..colon].Trim()] = line[(colon + 1)..].Trim();
        }

        byte[] body;
        if (headers.TryGetValue("transfer-encoding", out var encoding) && encoding.Contains("chunked", StringComparison.OrdinalIgnoreCase))
        {
            using var content = new MemoryStream();
            while (true)
            {
                var sizeLine = await reader.ReadLineAsync(cancellationToken) ?? throw new IOException("The chunked response ended early.");
                var size = int.Parse(sizeLine.Split(';')[0], NumberStyles.HexNumber, CultureInfo.InvariantCulture);
                if (size == 0)
                {
                    break;
                }

                content.Write(await reader.ReadExactlyAsync(size, cancellationToken));
                await reader.ReadLineAsync(cancellationToken);
            }

            body = content.ToArray();
        }
        else if (headers.TryGetValue("content-length", out var length))
        {
            body = await reader.ReadExactlyAsync(int.Parse(length, CultureInfo.InvariantCulture), cancellationToken);
        }
        else
        {
            body = await reader.ReadToEndAsync(cancellationToken);
        }

        return new Response(status, headers, Encoding.UTF8.GetString(body));
    }

    private sealed class ByteReader(Stream stream)
    {
        private readonly byte[] _buffer = new byte[16 * 1024];
        private int _start;
        private int _end;

        public async Task<string?> ReadLineAsync(CancellationToken cancellationToken)
        {
            using var line = new MemoryStream();
            while (true)
            {
                if (_start == _end && !await FillAsync(cancellationToken))
                {
                    return line.Length == 0 ? null : Encoding.ASCII.GetString(line.ToArray());
                }

                var b = _buffer[_start++];
                if (b == '\n')
                {
                    var text = Encoding.ASCII.GetString(line.ToArray());
                    return text.EndsWith('\r') ? text[..^1] : text;
                }

                line.WriteByte(b);
            }
        }

        public async Task<byte[]> ReadExactlyAsync(int count, CancellationToken cancellationToken)
        {
            var result = new byte[count];
            var filled = 0;
            while (filled < count)
            {
                if (_start == _end && !await FillAsync(cancellationToken))
                {
                    throw new IOException($"The response ended after {filled} of {count} bytes.");
                }

                var take = Math.Min(count - filled, _end - _start);
                Array.Copy(_buffer, _start, result, filled, take);
                _start += take;
                filled += take;
            }

            return result;
        }

        public async Task<byte[]> ReadToEndAsync(CancellationToken cancellationToken)
        {
            using var rest = new MemoryStream();
            rest.Write(_buffer, _start, _end - _start);
            _start = _end;
            try
            {
                await stream.CopyToAsync(rest, cancellationToken);
            }
            catch (IOException)
            {
                // A reset after the response: what was read is the body.
            }

            return rest.ToArray();
        }

        private async Task<bool> FillAsync(CancellationToken cancellationToken)
        {
            _start = 0;
            _end = await stream.ReadAsync(_buffer, cancellationToken);
            return _end > 0;
        }
    }
}
