using System.Buffers.Binary;
using System.Diagnostics;
using System.Security.Cryptography;
using System.Text;
using Pipeline.Domain.Media;

namespace Pipeline.Infrastructure.Tests.Media;

/// <summary>Reads generated files back by their headers, independently of the writers.</summary>
internal static class MediaFiles
{
    public static async Task<byte[]> ReadAllAsync(GeneratedMedia media)
    {
        await using (media)
        {
            using var copy = new MemoryStream();
            await media.Content.CopyToAsync(copy);
            return copy.ToArray();
        }
    }

    public static string Sha256(byte[] bytes) => Convert.ToHexString(SHA256.HashData(bytes));

    public static string FourCc(byte[] bytes, int at) => Encoding.ASCII.GetString(bytes, at, 4);

    public static uint U32(byte[] bytes, int at) => BinaryPrimitives.ReadUInt32LittleEndian(bytes.AsSpan(at));

    public static (int Width, int Height) PngSize(byte[] png)
    {
        Assert.True(png.AsSpan(0, 8).SequenceEqual(new byte[] { 0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A }), "PNG signature");
        Assert.Equal("IHDR", FourCc(png, 12));
        return (BinaryPrimitives.ReadInt32BigEndian(png.AsSpan(16)), BinaryPrimitives.ReadInt32BigEndian(png.AsSpan(20)));
    }

    public sealed record Wav(int SampleRate, int Channels, int BitsPerSample, int DataOffset, int DataBytes)
    {
        public double Seconds => (double)DataBytes / (SampleRate * Channels * BitsPerSample / 8);
    }

    /// <summary>Parses RIFF/WAVE/fmt/data and checks the sizes agree with the file.</summary>
    public static Wav ParseWav(byte[] wav)
    {
        Assert.Equal("RIFF", FourCc(wav, 0));
        Assert.Equal("WAVE", FourCc(wav, 8));
        Assert.Equal((uint)(wav.Length - 8), U32(wav, 4));
        int? rate = null, channels = null, bits = null;
        var at = 12;
        while (at + 8 <= wav.Length)
        {
            var id = FourCc(wav, at);
            var size = (int)U32(wav, at + 4);
            if (id == "fmt ")
            {
                Assert.Equal(1, BinaryPrimitives.ReadInt16LittleEndian(wav.AsSpan(at + 8)));
                channels = BinaryPrimitives.ReadInt16LittleEndian(wav.AsSpan(at + 10));
                rate = BinaryPrimitives.ReadInt32LittleEndian(wav.AsSpan(at + 12));
                var byteRate = BinaryPrimitives.ReadInt32LittleEndian(wav.AsSpan(at + 16));
                var blockAlign = BinaryPrimitives.ReadInt16LittleEndian(wav.AsSpan(at + 20));
                bits = BinaryPrimitives.ReadInt16LittleEndian(wav.AsSpan(at + 22));
                Assert.Equal(channels * bits / 8, blockAlign);
                Assert.Equal(rate * blockAlign, byteRate);
            }
            else if (id == "data")
            {
                Assert.NotNull(rate);
                Assert.Equal(wav.Length, at + 8 + size + (size & 1));
                return new Wav(rate.Value, channels!.Value, bits!.Value, at + 8, size);
            }

            at += 8 + size + (size & 1);
        }

        throw new Xunit.Sdk.XunitException("No data chunk");
    }

    /// <summary>The RMS level of 16-bit samples in [0, 1].</summary>
    public static double Rms(byte[] wav, Wav info)
    {
        double sum = 0;
        var count = info.DataBytes / 2;
        for (var i = 0; i < count; i++)
        {
            double s = BinaryPrimitives.ReadInt16LittleEndian(wav.AsSpan(info.DataOffset + (2 * i))) / 32768.0;
            sum += s * s;
        }

        return Math.Sqrt(sum / Math.Max(1, count));
    }

    public sealed record Avi(int TotalFrames, int Width, int Height, int VideoChunks, int AudioChunks, int IndexEntries, long AudioBytes, int Streams);

    /// <summary>Walks RIFF AVI: hdrl (avih, strl×n), movi (00dc/01wb), idx1; checks every size and index offset.</summary>
    public static Avi ParseAvi(byte[] avi)
    {
        Assert.Equal("RIFF", FourCc(avi, 0));
        Assert.Equal("AVI ", FourCc(avi, 8));
        Assert.Equal((uint)(avi.Length - 8), U32(avi, 4));
        int totalFrames = 0, width = 0, height = 0, video = 0, audio = 0, index = 0, streams = 0, moviType = -1;
        long audioBytes = 0;
        var seen = new List<string>();
        var chunkOffsets = new HashSet<long>();
        var at = 12;
        while (at + 8 <= avi.Length)
        {
            var id = FourCc(avi, at);
            var size = (int)U32(avi, at + 4);
            Assert.True(at + 8 + size <= avi.Length, $"{id} at {at} overruns the file");
            if (id == "LIST")
            {
                var type = FourCc(avi, at + 8);
                seen.Add(type);
                if (type == "hdrl")
                {
                    Assert.Equal("avih", FourCc(avi, at + 12));
                    totalFrames = (int)U32(avi, at + 20 + 16);
                    streams = (int)U32(avi, at + 20 + 24);
                    width = (int)U32(avi, at + 20 + 32);
                    height = (int)U32(avi, at + 20 + 36);
                    var strl = at + 12 + 8 + 56;
                    for (var s = 0; s < streams; s++)
                    {
                        Assert.Equal("LIST", FourCc(avi, strl));
                        Assert.Equal("strl", FourCc(avi, strl + 8));
                        Assert.Equal("strh", FourCc(avi, strl + 12));
                        strl += 8 + (int)U32(avi, strl + 4);
                    }
                }
                else if (type == "movi")
                {
                    moviType = at + 8;
                    var c = at + 12;
                    while (c < at + 8 + size)
                    {
                        var chunk = FourCc(avi, c);
                        var chunkSize = (int)U32(avi, c + 4);
                        chunkOffsets.Add(c - moviType);
                        if (chunk == "00dc")
                        {
                            video++;
                            Assert.Equal(0xFF, avi[c + 8]);
                            Assert.Equal(0xD8, avi[c + 9]);
                        }
                        else if (chunk == "01wb")
                        {
                            audio++;
                            audioBytes += chunkSize;
                        }

                        c += 8 + chunkSize + (chunkSize & 1);
                    }

                    Assert.Equal(at + 8 + size, c);
                }
            }
            else if (id == "idx1")
            {
                seen.Add(id);
                index = size / 16;
                for (var e = 0; e < index; e++)
                {
                    Assert.Contains((long)U32(avi, at + 8 + (16 * e) + 8), chunkOffsets);
                }
            }

            at += 8 + size + (size & 1);
        }

        Assert.Equal(["hdrl", "movi", "idx1"], seen);
        return new Avi(totalFrames, width, height, video, audio, index, audioBytes, streams);
    }

    /// <summary>Runs a tool (ffprobe, ffmpeg) with arguments and returns its standard output; fails the test on a non-zero exit.</summary>
    public static async Task<string> RunAsync(string tool, params string[] arguments)
    {
        var start = new ProcessStartInfo(tool) { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        foreach (var argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }

        using var process = Process.Start(start)!;
        var output = process.StandardOutput.ReadToEndAsync();
        var error = process.StandardError.ReadToEndAsync();
        await process.WaitForExitAsync();
        Assert.True(process.ExitCode == 0, $"{tool} exited with {process.ExitCode}: {await error}");
        Assert.Equal(string.Empty, (await error).Trim());
        return await output;
    }

    public static async Task<string> WriteTempAsync(byte[] bytes, string extension)
    {
        var path = Path.Combine(Path.GetTempPath(), $"pipeline-media-test-{Guid.NewGuid():N}.{extension}");
        await File.WriteAllBytesAsync(path, bytes);
        return path;
    }
}
