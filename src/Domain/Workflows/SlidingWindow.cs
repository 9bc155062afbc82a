using Microsoft.DurableTask;
using Microsoft.DurableTask.Entities;

namespace Pipeline.Domain.Workflows;

/// <summary>
/// Keeps up to <c>width</c> tasks in flight over a list of items and yields each batch of completions (everything that
/// finished by the time the workflow resumed); results keep the items' order. A failed task becomes a result through
/// <c>onFailure</c>. Deterministic: it only awaits tasks the context created.
/// </summary>
internal sealed class SlidingWindow<TItem, TResult>(
    IReadOnlyList<TItem> items,
    int width,
    Func<TItem, Task<TResult>> start,
    Func<TItem, TaskFailureDetails, TResult> onFailure)
{
    private readonly TResult[] _results = new TResult[items.Count];

    public IReadOnlyList<TResult> Results => _results;

    public async IAsyncEnumerable<IReadOnlyList<TResult>> RunAsync()
    {
        var running = new List<(Task<TResult> Task, int Index)>();
        var next = 0;
        while (next < items.Count || running.Count > 0)
        {
            while (running.Count < width && next < items.Count)
            {
                running.Add((start(items[next]), next));
                next++;
            }

            await Task.WhenAny(running.Select(r => r.Task));
            var finished = running.Where(r => r.Task.IsCompleted).ToList();
            running.RemoveAll(r => r.Task.IsCompleted);
            var batch = new List<TResult>(finished.Count);
            foreach (var (task, index) in finished)
            {
                _results[index] = task.IsCompletedSuccessfully
                    ? task.Result
                    : onFailure(items[index], Failure(task.Exception!.InnerException!));
                batch.Add(_results[index]);
            }

            yield return batch;
        }
    }

    private static TaskFailureDetails Failure(Exception exception)
        => exception is TaskFailedException failed ? failed.FailureDetails : TaskFailureDetails.FromException(exception);
}
