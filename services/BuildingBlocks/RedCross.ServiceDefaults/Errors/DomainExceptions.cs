namespace RedCross.ServiceDefaults.Errors;

// Plain exceptions the domain throws; ErrorInterceptor turns each into one precise gRPC status.
// They carry no transport types so domain code stays free of gRPC.

/// <summary>One bad field: the name as the API spells it, and what is wrong.</summary>
public sealed record FieldViolation(string Field, string Description);

/// <summary>Input is malformed: becomes InvalidArgument with a BadRequest detail.</summary>
public sealed class ValidationFailedException(IReadOnlyList<FieldViolation> violations)
    : Exception("Invalid request: " + string.Join("; ", violations.Select(v => $"{v.Field}: {v.Description}")))
{
    public IReadOnlyList<FieldViolation> Violations { get; } = violations;

    public ValidationFailedException(string field, string description) : this([new FieldViolation(field, description)])
    {
    }
}

/// <summary>A referenced resource does not exist: becomes NotFound.</summary>
public sealed class ResourceNotFoundException(string resource, string key, string? field = null)
    : Exception($"{resource} '{key}' was not found.")
{
    public string Resource { get; } = resource;

    public string? Field { get; } = field;
}

/// <summary>The resource exists already: becomes AlreadyExists.</summary>
public sealed class ResourceConflictException(string field, string message) : Exception(message)
{
    public string Field { get; } = field;
}

/// <summary>A business rule or a stale etag refuses the change: FailedPrecondition with ErrorInfo.reason.</summary>
public sealed class RuleViolationException(string reason, string message) : Exception(message)
{
    /// <summary>Stable, UPPER_SNAKE reason clients can switch on.</summary>
    public string Reason { get; } = reason;
}

/// <summary>The caller may not do this, or not on this unit: becomes PermissionDenied with ErrorInfo.reason.</summary>
public sealed class AccessDeniedException(string message, string reason = AccessDeniedException.OutOfScope) : Exception(message)
{
    /// <summary>The unit is outside the caller's subtree.</summary>
    public const string OutOfScope = "OUT_OF_SCOPE";

    /// <summary>No row of the permission table grants the action to the caller's role, level and scopes.</summary>
    public const string NotPermitted = "NOT_PERMITTED";

    public string Reason { get; } = reason;
}
