using System.Security.Cryptography;
using System.Text;
using Pipeline.Domain.Payloads;

namespace Pipeline.Infrastructure.Tests.Storage;

/// <summary>
/// What every <see cref="IBlobStore"/> promises, run against each backend by a subclass. Each test gets a fresh,
/// isolated store (its own folder, container or bucket).
/// </summary>
public abstract class BlobStoreContractTests : IAsyncLifetime
{
    protected const int MiB = 1024 * 1024;

    private readonly CancellationTokenSource timeout = new(TimeSpan.FromMinutes(3));
    private IBlobStore? store;

    protected IBlobStore Store => store ?? throw new InvalidOperationException("The store has not been created.");

    /// <summary>The size of the body streamed from a non-seekable source.</summary>
    protected virtual long LargeBodyLength => 200L * MiB;

    /// <summary>Every call of a test shares one deadline, so a hung backend fails the test instead of the run.</summary>
    protected CancellationToken Ct => timeout.Token;

    public async Task InitializeAsync() => store = await CreateStoreAsync();

    public async Task DisposeAsync()
    {
        if (store is not null)
        {
            await DisposeStoreAsync(store);
        }

        timeout.Dispose();
    }

    /// <summary>
    /// Whether the backend lists <c>a-b</c> before <c>a/1</c> ('-' and '.' sort below '/'), as S3, Azure and the
    /// filesystem store do. s3rver walks its folders instead and yields <c>a/…</c> first — an emulator deviation.
    /// </summary>
    protected virtual bool SortsSeparatorOrdinally => true;

    /// <summary>A new, empty store for one test.</summary>
    protected abstract Task<IBlobStore> CreateStoreAsync();

    protected virtual Task DisposeStoreAsync(IBlobStore blobStore)
    {
        (blobStore as IDisposable)?.Dispose();
        return Task.CompletedTask;
    }

    [Theory]
    [InlineData(0)]
    [InlineData(1)]
    [InlineData(MiB)]
    [InlineData(50 * MiB)]
    public async Task PutAsync_ThenGetAsync_ReturnsTheSameBytes(int length)
    {
        var key = $"round-trip/{length}.bin";
        await using var body = new GeneratedStream(length, seed: (ulong)length + 7);

        var stored = await Store.PutAsync(key, body, "application/octet-stream", Ct);

        Assert.Equal(new BlobRef(key, length, "application/octet-stream", body.Sha256), stored);
        Assert.Equal((length, body.Sha256), await ReadBackAsync(key));
    }

    [Fact]
    public async Task PutAsync_LargeNonSeekableStream_StreamsItWhole()
    {
        var key = "large/body.bin";
        await using var body = new GeneratedStream(LargeBodyLength, seed: 42);

        var stored = await Store.PutAsync(key, body, "video/mp4", Ct);

        Assert.Equal(LargeBodyLength, stored.Length);
        Assert.Equal(body.Sha256, stored.Sha256);
        Assert.Equal((LargeBodyLength, body.Sha256), await ReadBackAsync(key));
        Assert.Equal(body.Sha256, (await Store.GetPropertiesAsync(key, Ct)).Sha256);
    }

    [Fact]
    public async Task GetPropertiesAsync_AfterPut_DescribesTheBlob()
    {
        var before = DateTimeOffset.UtcNow.AddMinutes(-5);
        var bytes = Encoding.UTF8.GetBytes("{\"hello\":\"wörld\"}");

        await Store.PutAsync("jobs/job-1/images/a1.json", new MemoryStream(bytes), "application/json", Ct);
        var properties = await Store.GetPropertiesAsync("jobs/job-1/images/a1.json", Ct);

        Assert.Equal("jobs/job-1/images/a1.json", properties.Key);
        Assert.Equal(bytes.Length, properties.Length);
        Assert.Equal("application/json", properties.ContentType);
        Assert.Equal(Convert.ToHexStringLower(SHA256.HashData(bytes)), properties.Sha256);
        Assert.InRange(properties.LastModified, before, DateTimeOffset.UtcNow.AddMinutes(5));
        Assert.True(await Store.ExistsAsync("jobs/job-1/images/a1.json", Ct));
    }

    [Fact]
    public async Task PutAsync_ExistingKey_ReplacesTheBlob()
    {
        await Store.PutAsync("k/v.txt", new MemoryStream("first"u8.ToArray()), "text/plain", Ct);

        var second = await Store.PutAsync("k/v.txt", new MemoryStream("second!"u8.ToArray()), "text/markdown", Ct);

        Assert.Equal("second!", await ReadTextAsync("k/v.txt"));
        Assert.Equal(second, (await Store.GetPropertiesAsync("k/v.txt", Ct)).ToRef());
    }

    [Fact]
    public async Task CreateAsync_ExistingKey_ThrowsAndKeepsTheOriginal()
    {
        await Store.CreateAsync("once/only.txt", new MemoryStream("original"u8.ToArray()), "text/plain", Ct);

        var conflict = await Assert.ThrowsAsync<BlobAlreadyExistsException>(
            () => Store.CreateAsync("once/only.txt", new MemoryStream("intruder"u8.ToArray()), "text/plain", Ct));

        Assert.Equal("once/only.txt", conflict.Key);
        Assert.Equal("original", await ReadTextAsync("once/only.txt"));
    }

    [Fact]
    public async Task PutAsync_SourceFailsMidway_LeavesThePreviousBlob()
    {
        await Store.PutAsync("fragile/asset.bin", new MemoryStream("intact"u8.ToArray()), "application/octet-stream", Ct);
        await using var failing = new GeneratedStream(12L * MiB, failAfter: 11L * MiB);

        await Assert.ThrowsAsync<IOException>(() => Store.PutAsync("fragile/asset.bin", failing, "application/octet-stream", Ct));

        Assert.Equal("intact", await ReadTextAsync("fragile/asset.bin"));
    }

    [Fact]
    public async Task ListAsync_SmallPages_ReturnsEveryKeyUnderThePrefixInOrdinalOrder()
    {
        string[] inside = ["jobs/j-1/a/1.txt", SortsSeparatorOrdinally ? "jobs/j-1/a-b.txt" : "jobs/j-1/ab.txt", "jobs/j-1/B.txt", "jobs/j-1/a/2.txt", "jobs/j-1/z.txt", "jobs/j-1/c/d/e.txt", "jobs/j-1/_x.txt"];
        string[] outside = ["jobs/j-10/a.txt", "jobs/j-2/a.txt", "other.txt"];
        foreach (var key in inside.Concat(outside))
        {
            await Store.PutAsync(key, new MemoryStream(Encoding.UTF8.GetBytes(key)), "text/plain", Ct);
        }

        var pages = new List<IReadOnlyList<string>>();
        string? continuation = null;
        do
        {
            var page = await Store.ListAsync("jobs/j-1/", continuation, pageSize: 3, Ct);
            pages.Add(page.Keys);
            continuation = page.ContinuationToken;
        }
        while (continuation is not null && pages.Count < 10);

        Assert.True(pages.Count >= 3, $"Expected at least 3 pages of at most 3 keys, got {pages.Count}.");
        Assert.All(pages, page => Assert.InRange(page.Count, 0, 3));
        Assert.Equal(inside.Order(StringComparer.Ordinal), pages.SelectMany(page => page));
    }

    [Fact]
    public async Task DeleteByPrefixAsync_MoreThanOnePage_DeletesOnlyUnderThePrefix()
    {
        var inside = Enumerable.Range(0, 12).Select(i => $"jobs/gone/stage/{i:00}.bin").ToList();
        foreach (var key in inside.Append("jobs/gone-not/keep.bin").Append("jobs/kept/a.bin"))
        {
            await Store.PutAsync(key, new MemoryStream([1, 2, 3]), "application/octet-stream", Ct);
        }

        var deleted = await Store.DeleteByPrefixAsync("jobs/gone/", Ct);

        Assert.Equal(12, deleted);
        Assert.Empty((await Store.ListAsync("jobs/gone/", null, 5, Ct)).Keys);
        Assert.Equal(["jobs/gone-not/keep.bin", "jobs/kept/a.bin"], (await Store.ListAsync("jobs/", null, 5, Ct)).Keys);
        Assert.Equal(0, await Store.DeleteByPrefixAsync("jobs/gone/", Ct));
    }

    [Fact]
    public async Task DeleteAsync_ExistingThenMissing_ReportsWhetherItDeleted()
    {
        await Store.PutAsync("d/x.bin", new MemoryStream([9]), "application/octet-stream", Ct);

        Assert.True(await Store.DeleteAsync("d/x.bin", Ct));
        Assert.False(await Store.DeleteAsync("d/x.bin", Ct));
        Assert.False(await Store.ExistsAsync("d/x.bin", Ct));
    }

    [Fact]
    public async Task MissingBlob_GetAndGetProperties_ThrowBlobNotFound()
    {
        var get = await Assert.ThrowsAsync<BlobNotFoundException>(() => Store.GetAsync("no/such.bin", Ct));
        var properties = await Assert.ThrowsAsync<BlobNotFoundException>(() => Store.GetPropertiesAsync("no/such.bin", Ct));

        Assert.Equal("no/such.bin", get.Key);
        Assert.Equal("no/such.bin", properties.Key);
        Assert.False(await Store.ExistsAsync("no/such.bin", Ct));
    }

    public static TheoryData<string, string> InvalidKeys => new()
    {
        { "../x", "'..'" },
        { "/abs", "absolute" },
        { "a\\b", "backslash" },
        { "a//b", "empty segment" },
        { "a/\u0001b", "control character" },
        { new string('k', 1025), "maximum is 1024" },
        { "a/" + new string('s', 256), "maximum is 255" },
        { "a b", "safe set" },
    };

    [Theory]
    [MemberData(nameof(InvalidKeys))]
    public async Task AnyOperation_InvalidKey_IsRejectedNamingTheProblem(string key, string problem)
    {
        var put = await Assert.ThrowsAnyAsync<ArgumentException>(() => Store.PutAsync(key, new MemoryStream([1]), "text/plain", Ct));
        await Assert.ThrowsAnyAsync<ArgumentException>(() => Store.CreateAsync(key, new MemoryStream([1]), "text/plain", Ct));
        await Assert.ThrowsAnyAsync<ArgumentException>(() => Store.GetAsync(key, Ct));
        await Assert.ThrowsAnyAsync<ArgumentException>(() => Store.GetPropertiesAsync(key, Ct));
        await Assert.ThrowsAnyAsync<ArgumentException>(() => Store.ExistsAsync(key, Ct));
        await Assert.ThrowsAnyAsync<ArgumentException>(() => Store.DeleteAsync(key, Ct));

        Assert.Contains(problem, put.Message, StringComparison.Ordinal);
        Assert.Empty((await Store.ListAsync(string.Empty, null, 10, Ct)).Keys);
    }

    private async Task<(long Length, string Sha256)> ReadBackAsync(string key)
    {
        await using var stream = await Store.GetAsync(key, Ct);
        using var hash = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
        var buffer = new byte[MiB];
        long length = 0;
        int read;
        while ((read = await stream.ReadAsync(buffer, Ct)) > 0)
        {
            hash.AppendData(buffer, 0, read);
            length += read;
        }

        return (length, Convert.ToHexStringLower(hash.GetHashAndReset()));
    }

    private async Task<string> ReadTextAsync(string key)
    {
        await using var stream = await Store.GetAsync(key, Ct);
        using var reader = new StreamReader(stream);
        return await reader.ReadToEndAsync(Ct);
    }
}
