using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata;
using Microsoft.EntityFrameworkCore.Storage;
using Microsoft.EntityFrameworkCore.Storage.ValueConversion;

namespace RedCross.Messaging;

/// <summary>Inserts rows of one entity type with a single prepared command inside a bulk write's transaction, for
/// imports where the change tracker costs several times the work. The statement and each value's stored form come
/// from the EF Core model (column names, value converters, parameter types), so a row written here is the row
/// SaveChanges would have written, and a column added to the entity cannot be forgotten. Only the entity's own row
/// is written: rows of its navigations (history, owned collections) are the caller's.</summary>
public sealed class PreparedInsert<T> : IDisposable
    where T : class
{
    private readonly SqliteCommand command;
    private readonly (IProperty Property, ValueConverter? Converter, SqliteParameter Parameter)[] columns;

    public PreparedInsert(DbContext db, SqliteTransaction transaction)
    {
        var entity = db.Model.FindEntityType(typeof(T)) ?? throw new InvalidOperationException($"{typeof(T).Name} is not mapped.");
        var table = StoreObject(entity);
        var properties = entity.GetProperties().Where(p => !p.IsShadowProperty() && !NumberedByDatabase(p)).ToArray();
        if (entity.GetProperties().Any(p => p.IsShadowProperty()))
        {
            // A shadow column has no value on the object to write.
            throw new InvalidOperationException($"{typeof(T).Name} has shadow properties: not a flat row.");
        }

        command = transaction.Connection!.CreateCommand();
        command.Transaction = transaction;
        command.CommandText = $"INSERT INTO \"{table.Name}\" ({string.Join(", ", properties.Select(p => $"\"{p.GetColumnName(table)}\""))}) " +
            $"VALUES ({string.Join(", ", properties.Select((_, i) => "$p" + i))})";
        columns = properties.Select((p, i) =>
        {
            var mapping = (RelationalTypeMapping)p.GetRelationalTypeMapping();
            // The mapping configures the parameter as SaveChanges would (for a Guid: TEXT, upper case).
            var parameter = (SqliteParameter)mapping.CreateParameter(command, "$p" + i, null, p.IsNullable);
            command.Parameters.Add(parameter);
            return (p, mapping.Converter, parameter);
        }).ToArray();
        command.Prepare();
    }

    public string Sql => command.CommandText;

    public void Add(T row)
    {
        foreach (var (property, converter, parameter) in columns)
        {
            var value = property.GetGetter().GetClrValue(row);
            parameter.Value = (converter is null ? value : converter.ConvertToProvider(value)) ?? DBNull.Value;
        }

        command.ExecuteNonQuery();
    }

    public void Dispose() => command.Dispose();

    /// <summary>An integer key the database assigns (SQLite's rowid, e.g. an append-only trail's position).</summary>
    private static bool NumberedByDatabase(IProperty p) =>
        p.IsPrimaryKey() && p.ValueGenerated != ValueGenerated.Never && (p.ClrType == typeof(long) || p.ClrType == typeof(int));

    private static StoreObjectIdentifier StoreObject(IEntityType entity) =>
        StoreObjectIdentifier.Create(entity, StoreObjectType.Table) ?? throw new InvalidOperationException($"{entity.DisplayName()} has no table.");
}
