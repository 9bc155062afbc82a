namespace Pipeline.Runtime.Store;

/// <summary>
/// Where the runtime keeps instances, histories, pending messages and entity states. Every change of an episode,
/// an activity completion or an entity batch is one <see cref="StoreCommit"/>, applied atomically.
/// </summary>
public interface IHistoryStore : IDisposable
{
    /// <summary>Everything that was committed, to resume after a restart.</summary>
    StoreSnapshot Load();

    /// <summary>Applies all of a commit's changes or none of them.</summary>
    void Commit(StoreCommit commit);
}
