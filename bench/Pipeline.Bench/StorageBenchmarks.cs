using System.Diagnostics;
using System.Globalization;
using Pipeline.Domain.Payloads;
using Pipeline.Infrastructure.Storage;

namespace Pipeline.Bench;

/// <summary>
/// Blob store throughput and memory. The filesystem store is measured against a raw <see cref="FileStream"/> write
/// of the same bytes on the same disk in the same run; the emulators (for context only — they are not production
/// backends) are measured when their endpoints are given:
/// <c>PIPELINE_BENCH_AZURITE</c> (a connection string) and <c>PIPELINE_BENCH_S3</c> (an s3rver URL, credentials S3RVER/S3RVER).
/// </summary>
public static class StorageBenchmarks
{
    private const int MiB = 1024 * 1024;
    private const long ThroughputBytes = 512L * MiB;
    private const long MemoryProbeBytes = 200L * MiB;
    private const long EmulatorBytes = 128L * MiB;
    private const int Rounds = 3;

    public static async Task RunAsync(TextWriter output, CancellationToken ct)
    {
        var root = Directory.CreateTempSubdirectory("pipeline-bench-storage-").FullName;
        try
        {
            output.WriteLine(Invariant($"Storage benchmarks ({Environment.ProcessorCount} cores, {RuntimeName()})"));
            var store = new FileSystemBlobStore(new FileSystemBlobStoreOptions { RootPath = Path.Combine(root, "store") });

            // Warm-up: JIT, page cache, pools.
            await StoreAsync(store, "warm/up.bin", 32L * MiB, ct);
            await RawWriteAsync(Path.Combine(root, "warm.bin"), 32L * MiB, ct);

            var raw = new List<double>();
            var stored = new List<double>();
            for (var round = 0; round < Rounds; round++)
            {
                raw.Add(await TimeAsync(() => RawWriteAsync(Path.Combine(root, "raw.bin"), ThroughputBytes, ct)));
                stored.Add(await TimeAsync(() => StoreAsync(store, "bench/throughput.bin", ThroughputBytes, ct)));
            }

            var rawRate = Rate(ThroughputBytes, raw.Min());
            var storeRate = Rate(ThroughputBytes, stored.Min());
            output.WriteLine(Invariant($"filesystem write {ThroughputBytes / MiB} MiB, best of {Rounds}: raw FileStream {rawRate:0} MiB/s, FileSystemBlobStore (SHA-256, temp file + rename) {storeRate:0} MiB/s, ratio {storeRate / rawRate:0.00}x (goal >= 0.80x)"));

            var (peak, allocated) = await MeasureMemoryAsync(() => StoreAsync(store, "bench/memory.bin", MemoryProbeBytes, ct), ct);
            output.WriteLine(Invariant($"filesystem store of a {MemoryProbeBytes / MiB} MiB asset: peak managed heap growth {peak / 1024.0:0} KiB (goal <= 16 MiB), allocated {allocated / 1024.0:0} KiB"));

            await EmulatorAsync(output, "azurite", Environment.GetEnvironmentVariable("PIPELINE_BENCH_AZURITE"), connection => AzureBlobStore.Create(new AzureBlobStoreOptions
            {
                ConnectionString = connection,
                ContainerName = "bench",
            }), ct);
            await EmulatorAsync(output, "s3rver", Environment.GetEnvironmentVariable("PIPELINE_BENCH_S3"), url => S3BlobStore.Create(new S3BlobStoreOptions
            {
                ServiceUrl = new Uri(url),
                ForcePathStyle = true,
                AccessKeyId = "S3RVER",
                SecretAccessKey = "S3RVER",
                BucketName = "bench",
                CreateBucketIfMissing = true,
            }), ct);
        }
        finally
        {
            Directory.Delete(root, recursive: true);
        }
    }

    private static async Task EmulatorAsync(TextWriter output, string name, string? endpoint, Func<string, IBlobStore> create, CancellationToken ct)
    {
        if (string.IsNullOrWhiteSpace(endpoint))
        {
            output.WriteLine($"{name}: not measured (set PIPELINE_BENCH_{(name == "azurite" ? "AZURITE" : "S3")}; see docs/benchmarks.md)");
            return;
        }

        var store = create(endpoint);
        try
        {
            await StoreAsync(store, "bench/warm.bin", 8L * MiB, ct);
            var seconds = await TimeAsync(() => StoreAsync(store, "bench/throughput.bin", EmulatorBytes, ct));
            var (peak, _) = await MeasureMemoryAsync(() => StoreAsync(store, "bench/memory.bin", EmulatorBytes, ct), ct);
            output.WriteLine(Invariant($"{name} write {EmulatorBytes / MiB} MiB from a non-seekable stream: {Rate(EmulatorBytes, seconds):0} MiB/s, peak managed heap growth {peak / 1024.0:0} KiB"));
            await store.DeleteByPrefixAsync("bench/", ct);
        }
        finally
        {
            (store as IDisposable)?.Dispose();
        }
    }

    private static async Task StoreAsync(IBlobStore store, string key, long length, CancellationToken ct)
    {
        await using var body = new RepeatingStream(length);
        await store.PutAsync(key, body, "application/octet-stream", ct);
    }

    /// <summary>The baseline: the same bytes, the same 1 MiB writes, straight into a FileStream.</summary>
    private static async Task RawWriteAsync(string path, long length, CancellationToken ct)
    {
        await using var body = new RepeatingStream(length);
        await using (var file = new FileStream(path, FileMode.Create, FileAccess.Write, FileShare.None, bufferSize: 0, FileOptions.Asynchronous))
        {
            await body.CopyToAsync(file, MiB, ct);
        }

        File.Delete(path);
    }

    private static async Task<double> TimeAsync(Func<Task> action)
    {
        var watch = Stopwatch.StartNew();
        await action();
        return watch.Elapsed.TotalSeconds;
    }

    /// <summary>Peak growth of the managed heap over a forced-clean baseline, sampled while the action runs; and bytes allocated.</summary>
    private static async Task<(long Peak, long Allocated)> MeasureMemoryAsync(Func<Task> action, CancellationToken ct)
    {
        var baseline = GC.GetTotalMemory(forceFullCollection: true);
        var allocatedBefore = GC.GetTotalAllocatedBytes(precise: true);
        long peak = 0;
        using var done = new CancellationTokenSource();
        var sampler = Task.Run(
            async () =>
            {
                using var timer = new PeriodicTimer(TimeSpan.FromMilliseconds(2));
                try
                {
                    while (await timer.WaitForNextTickAsync(done.Token))
                    {
                        peak = Math.Max(peak, GC.GetTotalMemory(forceFullCollection: false) - baseline);
                    }
                }
                catch (OperationCanceledException)
                {
                }
            },
            ct);
        await action();
        await done.CancelAsync();
        await sampler;
        peak = Math.Max(peak, GC.GetTotalMemory(forceFullCollection: false) - baseline);
        return (peak, GC.GetTotalAllocatedBytes(precise: true) - allocatedBefore);
    }

    private static double Rate(long bytes, double seconds) => bytes / (double)MiB / seconds;

    private static string RuntimeName() => System.Runtime.InteropServices.RuntimeInformation.FrameworkDescription;

    private static string Invariant(FormattableString text) => text.ToString(CultureInfo.InvariantCulture);

    /// <summary>A non-seekable body of unknown length: one pseudo-random 1 MiB block handed out again and again.</summary>
    private sealed class RepeatingStream(long length) : Stream
    {
        private static readonly byte[] Block = CreateBlock();
        private long position;

        public override bool CanRead => true;

        public override bool CanSeek => false;

        public override bool CanWrite => false;

        public override long Length => throw new NotSupportedException();

        public override long Position
        {
            get => throw new NotSupportedException();
            set => throw new NotSupportedException();
        }

        public override int Read(byte[] buffer, int offset, int count) => Read(buffer.AsSpan(offset, count));

        public override int Read(Span<byte> buffer)
        {
            var count = (int)Math.Min(buffer.Length, length - position);
            var written = 0;
            while (written < count)
            {
                var from = (int)((position + written) % Block.Length);
                var chunk = Math.Min(count - written, Block.Length - from);
                Block.AsSpan(from, chunk).CopyTo(buffer[written..]);
                written += chunk;
            }

            position += count;
            return count;
        }

        public override ValueTask<int> ReadAsync(Memory<byte> buffer, CancellationToken cancellationToken = default)
            => ValueTask.FromResult(Read(buffer.Span));

        public override Task<int> ReadAsync(byte[] buffer, int offset, int count, CancellationToken cancellationToken)
            => Task.FromResult(Read(buffer.AsSpan(offset, count)));

        public override void Flush()
        {
        }

        public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();

        public override void SetLength(long value) => throw new NotSupportedException();

        public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();

        private static byte[] CreateBlock()
        {
            var block = new byte[MiB];
            new Random(20_240_601).NextBytes(block);
            return block;
        }
    }
}
