using System;
using System.Collections.Concurrent;
using System.Collections.Generic;
using System.Globalization;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Operations;

namespace Pipeline.Analyzers;

/// <summary>
/// The APIs workflow code must not use, resolved once per compilation to symbols, and the
/// classification of one operation against them. A ban that names an SDK rule (DURABLE000n) is one the
/// Durable Task SDK's analyzers already report in the methods they probe; the analyzer reports it only
/// where the SDK does not look.
/// </summary>
internal sealed class ApiCatalog
{
    private const string UseClock = "context.CurrentUtcDateTime";
    private const string UseGuid = "context.NewGuid()";
    private const string UseTimer = "context.CreateTimer";
    private const string UseActivity = "an activity";
    private const string UseAwait = "'await' on the task";
    private const string UseWhenAll = "context calls combined with Task.WhenAll";
    private const string UseInput = "an activity or the workflow input";
    private const string UsePlainAwait = "a plain 'await'";
    private const string MoveToActivity = "an activity";

    private const string SdkDateTime = "DURABLE0001";
    private const string SdkGuid = "DURABLE0002";
    private const string SdkDelay = "DURABLE0003";
    private const string SdkThreadTask = "DURABLE0004";
    private const string SdkIo = "DURABLE0005";
    private const string SdkEnvironment = "DURABLE0006";

    /// <summary>The I/O types DURABLE0005 reports: it flags every operation whose type is exactly one of these.</summary>
    private static readonly string[] SdkIoTypeNames =
    [
        "System.Net.Http.HttpClient",
        "Azure.Storage.Blobs.BlobServiceClient",
        "Azure.Storage.Blobs.BlobContainerClient",
        "Azure.Storage.Blobs.BlobClient",
        "Azure.Storage.Queues.QueueServiceClient",
        "Azure.Storage.Queues.QueueClient",
        "Azure.Data.Tables.TableServiceClient",
        "Azure.Data.Tables.TableClient",
        "Microsoft.Azure.Cosmos.CosmosClient",
        "Microsoft.Data.SqlClient.SqlConnection",
    ];

    /// <summary>Namespaces whose every type does I/O (segment prefixes: "Azure" covers "Azure.Storage.Blobs").</summary>
    private static readonly string[] IoNamespaces =
    [
        "Azure",
        "Amazon",
        "Microsoft.Azure.Cosmos",
        "Microsoft.Data.Sqlite",
        "System.Data",
        "System.Net.Sockets",
        "System.Net.WebSockets",
        "System.Net.NetworkInformation",
        "System.Net.Quic",
        "System.Net.Mail",
    ];

    private readonly Dictionary<INamedTypeSymbol, List<ApiBan>> _bans = new(SymbolEqualityComparer.Default);
    private readonly HashSet<INamedTypeSymbol> _configureAwaitTypes = new(SymbolEqualityComparer.Default);
    private readonly INamedTypeSymbol? _configureAwaitOptions;
    private readonly HashSet<ITypeSymbol> _sdkIoTypes = new(SymbolEqualityComparer.Default);
    private readonly ConcurrentDictionary<INamedTypeSymbol, bool> _inIoNamespace = new(SymbolEqualityComparer.Default);

    private ApiCatalog(Compilation compilation)
    {
        var nonDeterministic = DeterminismDiagnostics.NonDeterministicApi;
        var io = DeterminismDiagnostics.Io;

        void Ban(string metadataName, ApiBan ban)
        {
            var type = compilation.GetTypeByMetadataName(metadataName);
            if (type is null)
            {
                return;
            }

            if (!_bans.TryGetValue(type, out var list))
            {
                list = [];
                _bans.Add(type, list);
            }

            list.Add(ban);
        }

        // Clocks.
        Ban("System.DateTime", ApiBan.SdkMembers(nonDeterministic, SdkDateTime, UseClock, "Now", "UtcNow", "Today"));
        Ban("System.DateTimeOffset", ApiBan.SdkMembers(nonDeterministic, SdkDateTime, UseClock, "Now", "UtcNow"));
        Ban("System.Diagnostics.Stopwatch", ApiBan.StaticMembers(nonDeterministic, UseClock, construction: true));
        Ban("System.TimeProvider", ApiBan.SdkMembers(nonDeterministic, SdkDateTime, UseClock, "GetUtcNow", "GetLocalNow", "GetTimestamp"));
        Ban("System.TimeProvider", ApiBan.Members(nonDeterministic, UseClock, "System", "GetElapsedTime"));
        Ban("System.TimeProvider", ApiBan.Members(nonDeterministic, UseTimer, "CreateTimer"));
        Ban("System.Environment", ApiBan.Members(nonDeterministic, UseClock, "TickCount", "TickCount64"));

        // Randomness and identity.
        Ban("System.Guid", ApiBan.SdkMembers(nonDeterministic, SdkGuid, UseGuid, "NewGuid"));
        Ban("System.Guid", ApiBan.Members(nonDeterministic, UseGuid, "CreateVersion7"));
        Ban("System.Random", ApiBan.Construction(nonDeterministic, UseActivity));
        Ban("System.Random", ApiBan.Members(nonDeterministic, UseActivity, "Shared"));
        Ban("System.Security.Cryptography.RandomNumberGenerator", ApiBan.StaticMembers(nonDeterministic, UseActivity));

        // Environment.
        Ban("System.Environment", ApiBan.SdkMembers(nonDeterministic, SdkEnvironment, UseInput, "GetEnvironmentVariable", "GetEnvironmentVariables", "ExpandEnvironmentVariables"));

        // Waiting and threads.
        Ban("System.Threading.Tasks.Task", ApiBan.SdkMembers(nonDeterministic, SdkDelay, UseTimer, "Delay"));
        Ban("System.Threading.Tasks.Task", ApiBan.SdkMembers(nonDeterministic, SdkThreadTask, UseActivity, "Run"));
        Ban("System.Threading.Tasks.Task", ApiBan.SdkMembers(nonDeterministic, SdkThreadTask, UseAwait, "ContinueWith"));
        Ban("System.Threading.Tasks.Task`1", ApiBan.SdkMembers(nonDeterministic, SdkThreadTask, UseAwait, "ContinueWith"));
        Ban("System.Threading.Tasks.TaskFactory", ApiBan.SdkMembers(nonDeterministic, SdkThreadTask, UseActivity, "StartNew"));
        Ban("System.Threading.Tasks.TaskFactory`1", ApiBan.SdkMembers(nonDeterministic, SdkThreadTask, UseActivity, "StartNew"));
        Ban("System.Threading.Thread", ApiBan.SdkMembers(nonDeterministic, SdkDelay, UseTimer, "Sleep"));
        Ban("System.Threading.Thread", ApiBan.Construction(nonDeterministic, UseActivity));
        Ban("System.Threading.ThreadPool", ApiBan.StaticMembers(nonDeterministic, UseActivity));
        Ban("System.Threading.Tasks.Parallel", ApiBan.StaticMembers(nonDeterministic, UseWhenAll));
        Ban("System.Threading.Timer", ApiBan.Construction(nonDeterministic, UseTimer));
        Ban("System.Threading.PeriodicTimer", ApiBan.Construction(nonDeterministic, UseTimer));
        Ban("System.Timers.Timer", ApiBan.Construction(nonDeterministic, UseTimer));

        // Network.
        Ban("System.Net.Http.HttpMessageInvoker", ApiBan.AnyUse(io, MoveToActivity, includeDerived: true));
        Ban("System.Net.Http.HttpMessageHandler", ApiBan.AnyUse(io, MoveToActivity, includeDerived: true));
        Ban("System.Net.Dns", ApiBan.AnyUse(io, MoveToActivity));
        Ban("System.Net.WebRequest", ApiBan.AnyUse(io, MoveToActivity, includeDerived: true));
        Ban("System.Net.WebClient", ApiBan.AnyUse(io, MoveToActivity));
        Ban("System.Net.HttpListener", ApiBan.AnyUse(io, MoveToActivity));

        // File system.
        Ban("System.IO.File", ApiBan.AnyUse(io, MoveToActivity));
        Ban("System.IO.Directory", ApiBan.AnyUse(io, MoveToActivity));
        Ban("System.IO.FileStream", ApiBan.AnyUse(io, MoveToActivity, includeDerived: true));
        Ban("System.IO.FileSystemInfo", ApiBan.AnyUse(io, MoveToActivity, includeDerived: true));
        Ban("System.IO.DriveInfo", ApiBan.AnyUse(io, MoveToActivity));
        Ban("System.IO.FileSystemWatcher", ApiBan.AnyUse(io, MoveToActivity));
        Ban("System.IO.RandomAccess", ApiBan.AnyUse(io, MoveToActivity));
        Ban("System.IO.Path", ApiBan.Members(io, MoveToActivity, "GetTempFileName", "GetTempPath"));
        Ban("System.IO.StreamReader", ApiBan.Construction(io, MoveToActivity, OpensPath));
        Ban("System.IO.StreamWriter", ApiBan.Construction(io, MoveToActivity, OpensPath));

        foreach (var name in new[]
        {
            "System.Threading.Tasks.Task",
            "System.Threading.Tasks.Task`1",
            "System.Threading.Tasks.ValueTask",
            "System.Threading.Tasks.ValueTask`1",
            "System.Threading.Tasks.TaskAsyncEnumerableExtensions",
            "System.Runtime.CompilerServices.ConfiguredCancelableAsyncEnumerable`1",
        })
        {
            if (compilation.GetTypeByMetadataName(name) is { } type)
            {
                _configureAwaitTypes.Add(type);
            }
        }

        _configureAwaitOptions = compilation.GetTypeByMetadataName("System.Threading.Tasks.ConfigureAwaitOptions");

        foreach (var name in SdkIoTypeNames)
        {
            if (compilation.GetTypeByMetadataName(name) is { } type)
            {
                _sdkIoTypes.Add(type);
            }
        }
    }

    public static ApiCatalog Create(Compilation compilation) => new(compilation);

    /// <summary>The forbidden use in <paramref name="operation"/>, if any (static mutable fields excluded).</summary>
    public Finding? Classify(IOperation operation)
    {
        var finding = ClassifyUse(operation);
        return finding is not null && ReferenceEquals(finding.Rule, DeterminismDiagnostics.Io) && SdkSeesIo(operation)
            ? new Finding(finding.Rule, finding.Api, finding.Advice, SdkIo)
            : finding;
    }

    private Finding? ClassifyUse(IOperation operation) => operation switch
    {
        IInvocationOperation invocation => ClassifyConfigureAwait(invocation)
            ?? ClassifyMember(invocation.TargetMethod, invocation.Instance, ExtensionReceiver(invocation)),
        IMethodReferenceOperation reference => ClassifyMember(reference.Method, reference.Instance, null),
        IPropertyReferenceOperation property => ClassifyMember(property.Property, property.Instance, null),
        IFieldReferenceOperation field when !field.Field.IsConst => ClassifyMember(field.Field, field.Instance, null),
        IObjectCreationOperation { Constructor: { } constructor } => ClassifyConstruction(constructor),
        _ => null,
    };

    /// <summary>
    /// True when DURABLE0005 flags this use: the operation, or a receiver it is called on, has one of the SDK's I/O
    /// types (<c>new HttpClient()</c>, <c>http.GetStringAsync(…)</c>, <c>container.GetBlobClient(…)</c>).
    /// </summary>
    private bool SdkSeesIo(IOperation operation)
    {
        for (IOperation? current = operation; current is not null; current = Receiver(current))
        {
            current = Unwrap(current);
            if (current.Type is { } type && _sdkIoTypes.Contains(type))
            {
                return true;
            }
        }

        return false;

        static IOperation? Receiver(IOperation operation) => operation switch
        {
            IInvocationOperation invocation => invocation.Instance
                ?? (invocation.TargetMethod.IsExtensionMethod && invocation.Arguments.Length > 0 ? invocation.Arguments[0].Value : null),
            IMemberReferenceOperation member => member.Instance,
            _ => null,
        };
    }

    private static bool OpensPath(IMethodSymbol constructor)
        => constructor.Parameters.Length > 0 && constructor.Parameters[0].Type.SpecialType == SpecialType.System_String;

    private static ITypeSymbol? ExtensionReceiver(IInvocationOperation invocation)
        => invocation.TargetMethod.IsExtensionMethod && invocation.TargetMethod.Parameters.Length > 0
            ? invocation.TargetMethod.Parameters[0].Type
            : null;

    private static string TypeName(ITypeSymbol type) => type.Name;

    private static string MemberName(ITypeSymbol type, ISymbol member)
        => member is IMethodSymbol
            ? TypeName(type) + "." + member.Name + "()"
            : TypeName(type) + "." + member.Name;

    private static IOperation Unwrap(IOperation operation)
    {
        while (true)
        {
            switch (operation)
            {
                case IConversionOperation { IsImplicit: true } conversion:
                    operation = conversion.Operand;
                    break;
                case IParenthesizedOperation parenthesized:
                    operation = parenthesized.Operand;
                    break;
                default:
                    return operation;
            }
        }
    }

    private Finding? ClassifyConstruction(IMethodSymbol constructor)
    {
        var created = constructor.ContainingType;
        var depth = 0;
        for (var type = created; type is not null; type = type.BaseType, depth++)
        {
            if (_bans.TryGetValue(type.OriginalDefinition, out var bans))
            {
                foreach (var ban in bans)
                {
                    if ((depth == 0 || ban.IncludeDerived) && ban.MatchesConstruction(constructor))
                    {
                        return new Finding(ban.Rule, "new " + TypeName(created), ban.Advice, depth == 0 ? ban.SdkRule : null);
                    }
                }
            }
        }

        return IsInIoNamespace(created)
            ? new Finding(DeterminismDiagnostics.Io, "new " + TypeName(created), MoveToActivity)
            : null;
    }

    private Finding? ClassifyMember(ISymbol member, IOperation? instance, ITypeSymbol? extensionReceiver)
    {
        var finding = Match(member, member.ContainingType)
            ?? (instance?.Type is { } receiver ? Match(member, receiver) : null)
            ?? (extensionReceiver is not null ? Match(member, extensionReceiver) : null)
            ?? MatchOverridden(member);

        // One diagnostic per I/O chain: `new FileInfo(path).Length` is reported once, at the construction.
        if (finding is not null
            && instance is not null
            && ReferenceEquals(finding.Rule, DeterminismDiagnostics.Io)
            && Classify(Unwrap(instance)) is { } source
            && ReferenceEquals(source.Rule, DeterminismDiagnostics.Io))
        {
            return null;
        }

        return finding;
    }

    /// <summary>An override of a banned member is banned too (a custom TimeProvider's GetUtcNow).</summary>
    private Finding? MatchOverridden(ISymbol member)
    {
        for (var overridden = Overridden(member); overridden is not null; overridden = Overridden(overridden))
        {
            // The SDK matches the called method's own type, never an override's base.
            if (Match(overridden, overridden.ContainingType) is { } finding)
            {
                return finding.WithoutSdkRule();
            }
        }

        return null;

        static ISymbol? Overridden(ISymbol symbol) => symbol switch
        {
            IMethodSymbol method => method.OverriddenMethod,
            IPropertySymbol property => property.OverriddenProperty,
            _ => null,
        };
    }

    private Finding? Match(ISymbol member, ITypeSymbol? start)
    {
        if (start is not INamedTypeSymbol named)
        {
            return null;
        }

        var depth = 0;
        for (var type = named; type is not null; type = type.BaseType, depth++)
        {
            if (_bans.TryGetValue(type.OriginalDefinition, out var bans))
            {
                foreach (var ban in bans)
                {
                    if ((depth == 0 || ban.IncludeDerived) && ban.MatchesMember(member))
                    {
                        return new Finding(ban.Rule, MemberName(type, member), ban.Advice, depth == 0 ? ban.SdkRule : null);
                    }
                }
            }
        }

        return IsInIoNamespace(named)
            ? new Finding(DeterminismDiagnostics.Io, MemberName(named, member), MoveToActivity)
            : null;
    }

    private bool IsInIoNamespace(INamedTypeSymbol type)
    {
        if (type.TypeKind == TypeKind.Enum)
        {
            return false;
        }

        var definition = type.OriginalDefinition;
        if (_inIoNamespace.TryGetValue(definition, out var known))
        {
            return known;
        }

        var result = false;
        if (definition.ContainingNamespace is { IsGlobalNamespace: false } ns)
        {
            var name = ns.ToDisplayString();
            foreach (var prefix in IoNamespaces)
            {
                if (name.Length >= prefix.Length
                    && name.StartsWith(prefix, StringComparison.Ordinal)
                    && (name.Length == prefix.Length || name[prefix.Length] == '.'))
                {
                    result = true;
                    break;
                }
            }
        }

        _inIoNamespace.TryAdd(definition, result);
        return result;
    }

    /// <summary>ConfigureAwait(false), or ConfigureAwaitOptions without ContinueOnCapturedContext.</summary>
    private Finding? ClassifyConfigureAwait(IInvocationOperation invocation)
    {
        var method = invocation.TargetMethod;
        if (method.Name != "ConfigureAwait"
            || !_configureAwaitTypes.Contains(method.ContainingType.OriginalDefinition)
            || invocation.Arguments.Length == 0)
        {
            return null;
        }

        var argument = invocation.Arguments[invocation.Arguments.Length - 1];
        var constant = argument.Value.ConstantValue;
        var parameterType = argument.Parameter?.Type;
        if (parameterType?.SpecialType == SpecialType.System_Boolean)
        {
            return constant is { HasValue: true, Value: true }
                ? null
                : new Finding(DeterminismDiagnostics.NonDeterministicApi, "ConfigureAwait(false)", UsePlainAwait);
        }

        if (_configureAwaitOptions is not null && SymbolEqualityComparer.Default.Equals(parameterType, _configureAwaitOptions))
        {
            const long continueOnCapturedContext = 1;
            return constant.HasValue && (Convert.ToInt64(constant.Value, CultureInfo.InvariantCulture) & continueOnCapturedContext) != 0
                ? null
                : new Finding(DeterminismDiagnostics.NonDeterministicApi, "ConfigureAwait without ContinueOnCapturedContext", UsePlainAwait);
        }

        return null;
    }
}
