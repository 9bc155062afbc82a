using Pipeline.Domain.Media;

namespace Pipeline.Domain.Tests.Media;

public sealed class GeneratedMediaTests
{
    [Fact]
    public async Task DisposeAsync_TemporaryFileStream_RemovesTheFile()
    {
        var path = Path.Combine(Path.GetTempPath(), $"pipeline-media-domain-{Guid.NewGuid():N}.wav");
        var media = new GeneratedMedia
        {
            Content = new FileStream(path, FileMode.CreateNew, FileAccess.ReadWrite, FileShare.None, 4096, FileOptions.DeleteOnClose),
            ContentType = "audio/wav",
            Extension = "wav",
        };
        Assert.True(File.Exists(path));

        await media.DisposeAsync();

        Assert.False(File.Exists(path));
        Assert.False(media.Content.CanRead);
    }
}
