using System.Runtime.CompilerServices;
using RedCross.Contracts.Membership.V1;

namespace RedCross.Cli;

/// <summary>Maps CSV rows to import rows by header name. Rows that are not well-formed CSV, or have the
/// wrong number of fields, are reported here and never sent.</summary>
internal static class MemberCsv
{
    private static readonly string[] Required = ["full_name", "birth_date", "sex", "org_unit"];
    private static readonly string[] Known = [.. Required, "national_id", "phone", "address", "joined_date", "volunteer"];

    public static async IAsyncEnumerable<ImportMemberRow> Rows(TextReader reader, List<ImportRowError> errors, [EnumeratorCancellation] CancellationToken ct = default)
    {
        await Task.Yield();
        Dictionary<string, int>? columns = null;
        foreach (var record in CsvReader.Read(reader))
        {
            ct.ThrowIfCancellationRequested();
            if (columns is null)
            {
                columns = Header(record);
                continue;
            }

            if (record.Error is not null || record.Fields.Count != columns.Count)
            {
                errors.Add(new ImportRowError
                {
                    RowNumber = record.Row,
                    Field = "csv",
                    Reason = record.Error ?? $"has {record.Fields.Count} fields, the header has {columns.Count}",
                });
                continue;
            }

            string Get(string name) => columns.TryGetValue(name, out var i) ? record.Fields[i].Trim() : string.Empty;
            yield return new ImportMemberRow
            {
                RowNumber = record.Row,
                Member = new RegisterMemberRequest
                {
                    FullName = Get("full_name"),
                    BirthDate = Get("birth_date"),
                    Sex = Get("sex"),
                    NationalId = Get("national_id"),
                    Phone = Get("phone"),
                    Address = Get("address"),
                    OrgUnit = Get("org_unit"),
                    JoinedDate = Get("joined_date"),
                    Volunteer = Get("volunteer").ToLowerInvariant() is "true" or "1" or "yes" or "x" or "có",
                },
            };
        }
    }

    private static Dictionary<string, int> Header(CsvRecord header)
    {
        if (header.Error is not null)
        {
            throw new UsageException($"The header row cannot be read: {header.Error}.");
        }

        var columns = header.Fields.Select((f, i) => (Name: f.Trim().TrimStart('\uFEFF').ToLowerInvariant(), i)).ToDictionary(x => x.Name, x => x.i);
        var missing = Required.Where(r => !columns.ContainsKey(r)).ToList();
        if (missing.Count > 0)
        {
            throw new UsageException($"The header lacks {string.Join(", ", missing)}; known columns: {string.Join(", ", Known)}.");
        }

        return columns;
    }
}
