namespace RedCross.WebConsole.Api;

internal static class ApiErrorsExtensions
{
    /// <summary>Two sets of typing slips found before sending (dates, numbers), shown together.</summary>
    public static ApiErrors And(this ApiErrors first, ApiErrors second) => !second.Any ? first : !first.Any ? second
        : new ApiErrors(first.Message.Length > 0 ? first.Message : second.Message,
            first.Fields.Concat(second.Fields.Where(f => !first.Fields.ContainsKey(f.Key))).ToDictionary(f => f.Key, f => f.Value, StringComparer.Ordinal));

    /// <summary>Keeps beside the form's inputs only the fields it has; a field the form has no input for (the record's
    /// own id, a session) would otherwise be "marked below" with nothing marked, so the refusal's message says it.</summary>
    public static ApiErrors Beside(this ApiErrors errors, params string[] inputs)
    {
        var kept = errors.Fields.Where(f => inputs.Contains(f.Key, StringComparer.Ordinal)).ToDictionary(f => f.Key, f => f.Value, StringComparer.Ordinal);
        return kept.Count == errors.Fields.Count ? errors : new ApiErrors(errors.Message, kept);
    }
}
