using System.Collections.Immutable;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Microsoft.CodeAnalysis.Diagnostics;
using Microsoft.CodeAnalysis.Operations;
using Microsoft.CodeAnalysis.Text;

namespace Pipeline.Analyzers;

/// <summary>
/// Reports what the Durable Task SDK's analyzers (DURABLE0001–0011) leave out in workflow code, every type that
/// derives from <c>TaskOrchestrator&lt;,&gt;</c> or implements <c>ITaskOrchestrator</c> with its lambdas, local
/// functions and nested types: non-deterministic APIs (PIPE0001) and I/O (PIPE0002) the SDK never flags, the ones it
/// flags wherever it does not look (initializers, constructors, accessors, method groups), and static mutable
/// state (PIPE0003), which the SDK does not check at all.
/// </summary>
[DiagnosticAnalyzer(LanguageNames.CSharp)]
public sealed class WorkflowDeterminismAnalyzer : DiagnosticAnalyzer
{
    public override ImmutableArray<DiagnosticDescriptor> SupportedDiagnostics { get; } = ImmutableArray.Create(
        DeterminismDiagnostics.NonDeterministicApi,
        DeterminismDiagnostics.Io,
        DeterminismDiagnostics.StaticMutableState);

    public override void Initialize(AnalysisContext context)
    {
        context.ConfigureGeneratedCodeAnalysis(GeneratedCodeAnalysisFlags.None);
        context.EnableConcurrentExecution();
        context.RegisterCompilationStartAction(OnCompilationStart);
    }

    private static void OnCompilationStart(CompilationStartAnalysisContext context)
    {
        if (WorkflowScope.Create(context.Compilation) is not { } scope)
        {
            // Nothing in this compilation can be a workflow.
            return;
        }

        var catalog = ApiCatalog.Create(context.Compilation);

        context.RegisterOperationAction(
            operationContext => AnalyzeApiUse(operationContext, scope, catalog),
            OperationKind.Invocation,
            OperationKind.MethodReference,
            OperationKind.PropertyReference,
            OperationKind.FieldReference,
            OperationKind.ObjectCreation);

        context.RegisterOperationAction(
            operationContext => AnalyzeStaticField(operationContext, scope),
            OperationKind.FieldReference);
    }

    private static void AnalyzeApiUse(OperationAnalysisContext context, WorkflowScope scope, ApiCatalog catalog)
    {
        if (!scope.Contains(context.ContainingSymbol) || catalog.Classify(context.Operation) is not { } finding)
        {
            return;
        }

        // The SDK's rule reports this use already; a method group is no invocation, so the SDK does not see it.
        if (finding.SdkRule is not null
            && context.Operation is not IMethodReferenceOperation
            && WorkflowScope.IsProbedBySdk(context.ContainingSymbol))
        {
            return;
        }

        context.ReportDiagnostic(Diagnostic.Create(finding.Rule, LocationOf(context.Operation), finding.Api, finding.Advice));
    }

    private static void AnalyzeStaticField(OperationAnalysisContext context, WorkflowScope scope)
    {
        var reference = (IFieldReferenceOperation)context.Operation;
        var field = reference.Field;
        if (!field.IsStatic || field.IsReadOnly || field.IsConst || !scope.Contains(context.ContainingSymbol))
        {
            return;
        }

        context.ReportDiagnostic(Diagnostic.Create(
            DeterminismDiagnostics.StaticMutableState,
            reference.Syntax.GetLocation(),
            field.ContainingType.Name + "." + field.Name,
            IsWritten(reference) ? "writes" : "reads"));
    }

    private static bool IsWritten(IOperation reference) => reference.Parent switch
    {
        IAssignmentOperation assignment => ReferenceEquals(assignment.Target, reference),
        IIncrementOrDecrementOperation => true,
        IArgumentOperation argument => argument.Parameter?.RefKind is RefKind.Ref or RefKind.Out,
        _ => false,
    };

    /// <summary>
    /// The whole expression for static calls, properties and constructions (<c>Guid.NewGuid()</c>);
    /// only the member and its arguments for a call on an instance (<c>ConfigureAwait(false)</c>),
    /// so a long receiver is not underlined.
    /// </summary>
    private static Location LocationOf(IOperation operation)
    {
        if (operation is IInvocationOperation invocation
            && invocation.Syntax is InvocationExpressionSyntax { Expression: MemberAccessExpressionSyntax access } syntax
            && (invocation.Instance is not null || invocation.TargetMethod.IsExtensionMethod))
        {
            return Location.Create(syntax.SyntaxTree, TextSpan.FromBounds(access.Name.SpanStart, syntax.Span.End));
        }

        return operation.Syntax.GetLocation();
    }
}
