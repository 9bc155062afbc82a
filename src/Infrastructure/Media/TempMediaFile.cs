namespace Pipeline.Infrastructure.Media;

/// <summary>Temporary files for generator output: streamed to disk, removed when the stream (or the path holder) is disposed.</summary>
internal static class TempMediaFile
{
    public static string NewPath(string extension)
        => Path.Combine(Path.GetTempPath(), $"pipeline-media-{Guid.NewGuid():N}.{extension}");

    /// <summary>A new read/write file deleted when the stream is disposed.</summary>
    public static FileStream Create(string extension)
        => new(NewPath(extension), FileMode.CreateNew, FileAccess.ReadWrite, FileShare.None, 64 * 1024,
            FileOptions.DeleteOnClose | FileOptions.Asynchronous);

    /// <summary>Opens a file another program wrote, for reading; it is deleted when the stream is disposed.</summary>
    public static FileStream OpenForHandOff(string path)
        => new(path, FileMode.Open, FileAccess.Read, FileShare.Read | FileShare.Delete, 64 * 1024,
            FileOptions.DeleteOnClose | FileOptions.Asynchronous);

    public static void TryDelete(string path)
    {
        try
        {
            File.Delete(path);
        }
        catch (IOException)
        {
        }
        catch (UnauthorizedAccessException)
        {
        }
    }
}
