using System.Text.RegularExpressions;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata;

namespace RedCross.Testing;

/// <summary>Checks a hand-written INSERT (with an optional ON CONFLICT ... DO UPDATE SET) against the EF Core
/// model it writes behind EF's back: the table exists, every column it names is a column of that table, and
/// a conflict target is the table's key or one of its unique indexes. A renamed property or a new key then
/// fails a test instead of a statement at run time.</summary>
public static partial class SqlShape
{
    public static IReadOnlyList<string> Problems(IModel model, string sql)
    {
        var insert = Insert().Match(sql);
        if (!insert.Success)
        {
            return [$"not an INSERT INTO table (columns): {sql}"];
        }

        var table = insert.Groups["table"].Value;
        var entity = model.GetEntityTypes().FirstOrDefault(e => e.GetTableName() == table);
        if (entity is null)
        {
            return [$"no entity is mapped to table '{table}'"];
        }

        var store = StoreObjectIdentifier.Table(table, entity.GetSchema());
        var columns = entity.GetProperties().Select(p => p.GetColumnName(store)).OfType<string>().ToHashSet(StringComparer.Ordinal);
        var problems = Names(insert.Groups["columns"].Value).Where(c => !columns.Contains(c)).Select(c => $"{table} has no column '{c}'").ToList();

        if (Conflict().Match(sql) is { Success: true } conflict)
        {
            var target = Names(conflict.Groups["columns"].Value).ToHashSet(StringComparer.Ordinal);
            var keys = entity.GetKeys().Select(k => k.Properties).Concat(entity.GetIndexes().Where(i => i.IsUnique).Select(i => i.Properties))
                .Select(ps => ps.Select(p => p.GetColumnName(store)).ToHashSet(StringComparer.Ordinal));
            if (!keys.Any(k => k.SetEquals(target)))
            {
                problems.Add($"ON CONFLICT ({string.Join(", ", target)}) is neither the key nor a unique index of {table}");
            }

            problems.AddRange(Assigned().Matches(conflict.Groups["set"].Value).Select(m => m.Groups[1].Value)
                .Where(c => !columns.Contains(c)).Select(c => $"{table} has no column '{c}' to update"));
        }

        return problems;
    }

    private static IEnumerable<string> Names(string list) => list.Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries);

    [GeneratedRegex(@"INSERT\s+(?:OR\s+IGNORE\s+)?INTO\s+(?<table>\w+)\s*\((?<columns>[^)]*)\)", RegexOptions.IgnoreCase)]
    private static partial Regex Insert();

    [GeneratedRegex(@"ON\s+CONFLICT\s*\((?<columns>[^)]*)\)\s*DO\s+UPDATE\s+SET\s+(?<set>.*?)(?:\s+WHERE\s+|$)", RegexOptions.IgnoreCase | RegexOptions.Singleline)]
    private static partial Regex Conflict();

    [GeneratedRegex(@"(?:^|,)\s*(\w+)\s*=")]
    private static partial Regex Assigned();
}
