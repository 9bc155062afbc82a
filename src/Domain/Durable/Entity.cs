using System.Reflection;

namespace Pipeline.Domain.Durable;

/// <summary>
/// An entity whose operations are its public instance methods, dispatched by name (case-insensitive) with zero or one
/// parameter, like <c>TaskEntity&lt;TState&gt;</c>. A <c>delete</c> operation is implicit: it clears the state.
/// </summary>
public abstract class Entity<TState> : IEntity
    where TState : class
{
    /// <summary>The state the current operation works on.</summary>
    protected TState State { get; set; } = default!;

    /// <summary>The id of the entity the current operation runs on.</summary>
    protected EntityInstanceId Id { get; private set; }

    /// <summary>The state of an entity that has none yet.</summary>
    protected abstract TState InitializeState();

    public async ValueTask<object?> RunAsync(EntityOperation operation)
    {
        ArgumentNullException.ThrowIfNull(operation);
        Id = operation.Id;
        var existing = operation.GetState(typeof(TState));
        State = existing as TState ?? InitializeState();

        var method = FindOperation(operation.Name);
        if (method is null)
        {
            if (string.Equals(operation.Name, "delete", StringComparison.OrdinalIgnoreCase))
            {
                operation.SetState(null);
                return null;
            }

            throw new NotSupportedException($"Entity '{operation.Id.Name}' has no operation '{operation.Name}'.");
        }

        var parameters = method.GetParameters();
        var arguments = parameters.Length == 0
            ? []
            : new[] { operation.HasInput ? operation.GetInput(parameters[0].ParameterType) : null };
        object? result;
        try
        {
            result = method.Invoke(this, arguments);
        }
        catch (TargetInvocationException e) when (e.InnerException is not null)
        {
            System.Runtime.ExceptionServices.ExceptionDispatchInfo.Capture(e.InnerException).Throw();
            throw;
        }

        result = await UnwrapAsync(result).ConfigureAwait(false);
        operation.SetState(State);
        return result;
    }

    private MethodInfo? FindOperation(string name)
        => GetType()
            .GetMethods(BindingFlags.Public | BindingFlags.Instance | BindingFlags.DeclaredOnly)
            .FirstOrDefault(m => string.Equals(m.Name, name, StringComparison.OrdinalIgnoreCase) && m.GetParameters().Length <= 1);

    private static async ValueTask<object?> UnwrapAsync(object? result)
    {
        switch (result)
        {
            case Task task:
                await task.ConfigureAwait(false);
                var type = task.GetType();
                return type.IsGenericType ? type.GetProperty("Result")!.GetValue(task) : null;
            case ValueTask valueTask:
                await valueTask.ConfigureAwait(false);
                return null;
            default:
                return result;
        }
    }
}
