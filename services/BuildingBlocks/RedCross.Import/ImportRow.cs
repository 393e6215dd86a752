namespace RedCross.Import;

/// <summary>Why a cell or a row was refused. <see cref="Column"/> is the header name, or <c>csv</c> when
/// the row itself could not be read (bad quotes, wrong number of fields).</summary>
public sealed record ImportError(int RowNumber, string Column, string Reason)
{
    /// <summary>The column named in errors about a row's structure rather than one of its cells.</summary>
    public const string WholeRow = "csv";
}

/// <summary>One data row: its cells (trimmed, NFC) by column name, or the errors that refused it.
/// <see cref="RowNumber"/> is the line where the row starts, the header being line 1, as a text editor
/// (and a spreadsheet, for rows without line breaks inside cells) shows it.</summary>
public sealed class ImportRow
{
    private readonly IReadOnlyDictionary<string, string> cells;

    internal ImportRow(int rowNumber, IReadOnlyDictionary<string, string> cells, IReadOnlyList<ImportError> errors)
    {
        RowNumber = rowNumber;
        this.cells = cells;
        Errors = errors;
    }

    /// <summary>The line where the row starts (header = 1).</summary>
    public int RowNumber { get; }

    /// <summary>Every problem found in the row; empty when it is valid.</summary>
    public IReadOnlyList<ImportError> Errors { get; }

    /// <summary>True when no cell was refused.</summary>
    public bool IsValid => Errors.Count == 0;

    /// <summary>The cell as text; empty when the column is absent or the cell blank.</summary>
    public string Text(string column) => cells.GetValueOrDefault(column, string.Empty);

    /// <summary>The cell of a <see cref="ColumnKind.Date"/> column, or null when blank.</summary>
    public DateOnly? Date(string column) => Text(column) is { Length: > 0 } text ? Cells.ParseDate(text) : null;

    /// <summary>The cell of a <see cref="ColumnKind.Number"/> column, or null when blank.</summary>
    public decimal? Number(string column) => Text(column) is { Length: > 0 } text ? Cells.ParseNumber(text) : null;
}
