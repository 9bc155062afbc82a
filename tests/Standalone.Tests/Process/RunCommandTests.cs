namespace Pipeline.Standalone.Tests.Process;

/// <summary>The README's first command: <c>run samples/lecture-media.json</c> on a fresh working directory.</summary>
public sealed class RunCommandTests
{
    [Fact]
    public async Task Run_SampleLecture_ExitsZeroPrintsAssetsAndWritesTheReport()
    {
        var cwd = Directory.CreateTempSubdirectory("pipeline-run-");
        var hub = Pipeline.Testing.TestStorage.NewTaskHubName();
        try
        {
            var sample = Path.Combine(HostProcess.RepositoryRoot, "samples", "lecture-media.json");
            using var run = HostProcess.Start(cwd.FullName, ["run", sample], HostProcess.EngineEnvironment(hub));

            var exit = await run.WaitForExitAsync(TimeSpan.FromSeconds(180));

            Assert.True(exit == 0, run.Output);
            var output = run.Output;
            Assert.Contains("Completed", output, StringComparison.Ordinal);
            Assert.Contains("seg-002-video", output, StringComparison.Ordinal);
            var reportLine = output.Split('\n').Single(l => l.StartsWith("Report: ", StringComparison.Ordinal)).Trim();
            var report = Path.GetFullPath(Path.Combine(cwd.FullName, reportLine["Report: ".Length..]));
            Assert.StartsWith(Path.Combine(cwd.FullName, ".pipeline"), report, StringComparison.Ordinal);
            var html = await File.ReadAllTextAsync(report);
            Assert.Contains("<img src=\"images/", html, StringComparison.Ordinal);
            Assert.Contains("<audio controls", html, StringComparison.Ordinal);
            Assert.Contains("<video controls", html, StringComparison.Ordinal);
            foreach (var link in System.Text.RegularExpressions.Regex.Matches(html, "src=\"([^\"]+)\"").Select(m => m.Groups[1].Value))
            {
                Assert.True(File.Exists(Path.Combine(Path.GetDirectoryName(report)!, link)), $"{link} is not next to the report");
            }
        }
        finally
        {
            await HostProcess.DeleteTaskHubAsync(hub);
            cwd.Delete(recursive: true);
        }
    }

    [Fact]
    public async Task Run_InvalidRequest_ExitsTwoNamingTheField()
    {
        var cwd = Directory.CreateTempSubdirectory("pipeline-run-");
        var hub = Pipeline.Testing.TestStorage.NewTaskHubName();
        try
        {
            var request = Path.Combine(cwd.FullName, "bad.json");
            await File.WriteAllTextAsync(request, "{\"lectureId\":\"x\",\"title\":\"t\",\"segments\":[]}");
            using var run = HostProcess.Start(cwd.FullName, ["run", request], HostProcess.EngineEnvironment(hub));

            var exit = await run.WaitForExitAsync(TimeSpan.FromSeconds(60));

            Assert.Equal(2, exit);
            Assert.Contains("segments", run.Output, StringComparison.Ordinal);
        }
        finally
        {
            await HostProcess.DeleteTaskHubAsync(hub);
            cwd.Delete(recursive: true);
        }
    }
}
