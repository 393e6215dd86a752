namespace RedCross.Import;

/// <summary>What a column holds, which decides how its cells are checked.</summary>
public enum ColumnKind
{
    /// <summary>Free text; a cell that starts with <c>=</c>, <c>+</c>, <c>-</c> or <c>@</c> is refused,
    /// since a spreadsheet would run it as a formula when the data is exported again.</summary>
    Text,

    /// <summary>A number in invariant notation (<c>-5</c>, <c>1200.50</c>).</summary>
    Number,

    /// <summary>A calendar date, <c>YYYY-MM-DD</c> or <c>dd/MM/yyyy</c> (Vietnamese Excel).</summary>
    Date,

    /// <summary>A phone number: digits, spaces, dots, hyphens, brackets and an optional leading <c>+</c>.</summary>
    Phone,
}

/// <summary>One column of a file's schema. <paramref name="Required"/> means the header must have it;
/// whether a cell may be empty is the business rule's to say.</summary>
public sealed record ImportColumn(string Name, ColumnKind Kind = ColumnKind.Text, bool Required = false);
