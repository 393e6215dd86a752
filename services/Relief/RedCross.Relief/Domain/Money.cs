using RedCross.ServiceDefaults.Errors;

namespace RedCross.Relief.Domain;

/// <summary>Checks shared by donations and distributions: whole VND above zero, and goods described.</summary>
internal static class Money
{
    /// <summary>Largest amount accepted on any record, whole VND.</summary>
    public const long MaxVnd = 1_000_000_000_000;

    public static long Vnd(Input input, string field, long value) => input.Range(field, value, 1, MaxVnd);

    /// <summary>Goods carry what, how many and in which unit; cash carries none of them.</summary>
    public static (string? Item, long Quantity, string? Unit) Goods(Input input, string prefix, bool isGoods, string item, long quantity, string unit)
    {
        if (!isGoods)
        {
            if (!string.IsNullOrWhiteSpace(item) || quantity != 0 || !string.IsNullOrWhiteSpace(unit))
            {
                input.Fail(prefix + ".item", "item, quantity and quantity_unit are for goods only");
            }

            return (null, 0, null);
        }

        return (input.Text(prefix + ".item", item, 200), input.Range(prefix + ".quantity", quantity, 1, 1_000_000_000),
            input.Text(prefix + ".quantity_unit", unit, 20));
    }
}
