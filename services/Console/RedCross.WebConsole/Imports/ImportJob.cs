using RedCross.Import;

namespace RedCross.WebConsole.Imports;

/// <summary>One file being imported: how far it got, and at the end what was stored and why each refused row was
/// refused. Written by the import's task, read by the progress page's refreshes.</summary>
public sealed class ImportJob(ImportKind kind, string id, string session, string fileName, int rows)
{
    private readonly object gate = new();
    private readonly List<ImportError> refusals = [];
    private int sent;

    public ImportKind Kind { get; } = kind;

    public string Id { get; } = id;

    public string Session { get; } = session;

    public string FileName { get; } = fileName;

    public int Rows { get; } = rows;

    public int Sent => Volatile.Read(ref sent);

    public bool Done { get; private set; }

    public int Created { get; private set; }

    public int Duplicates { get; private set; }

    /// <summary>Why the whole file was refused or the import stopped; null when it ran to the end.</summary>
    public string? Failure { get; private set; }

    public DateTimeOffset FinishedAt { get; private set; }

    public IReadOnlyList<ImportError> Refusals
    {
        get
        {
            lock (gate)
            {
                return [.. refusals.OrderBy(e => e.RowNumber)];
            }
        }
    }

    public int Refused => Refusals.Select(e => e.RowNumber).Distinct().Count();

    public void Advance() => Interlocked.Increment(ref sent);

    public void Refuse(IEnumerable<ImportError> errors)
    {
        lock (gate)
        {
            refusals.AddRange(errors);
        }
    }

    public void Finish(int created, int duplicates, string? failure, DateTimeOffset at)
    {
        Created = created;
        Duplicates = duplicates;
        Failure = failure;
        FinishedAt = at;
        Done = true;
    }
}
