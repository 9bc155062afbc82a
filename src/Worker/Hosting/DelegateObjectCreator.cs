using DurableTask.Core;

namespace Pipeline.Worker.Hosting;

/// <summary>An <see cref="ObjectCreator{T}"/> that builds a fresh object per request.</summary>
internal sealed class DelegateObjectCreator<T> : ObjectCreator<T>
{
    private readonly Func<T> create;

    public DelegateObjectCreator(string name, Func<T> create)
    {
        Name = name;
        Version = string.Empty;
        this.create = create;
    }

    public override T Create() => create();
}
