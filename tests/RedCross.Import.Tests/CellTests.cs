using System.Text;
using Xunit;

namespace RedCross.Import.Tests;

public sealed class CellTests
{
    private static Task<List<ImportRow>> Read(string csv) => Fixtures.ReadAsync(Encoding.UTF8.GetBytes(csv));

    [Fact]
    public async Task A_formula_in_a_name_is_refused_with_its_row_and_column()
    {
        var rows = await Read("full_name,birth_date\nHoa,1990-04-05\n\"=HYPERLINK(\"\"http://x\"\",\"\"Bấm\"\")\",1990-04-05\n");

        Assert.True(rows[0].IsValid);
        var error = Assert.Single(rows[1].Errors);
        Assert.Equal(3, error.RowNumber);
        Assert.Equal("full_name", error.Column);
        Assert.Contains("formula", error.Reason, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("+cmd")]
    [InlineData("-2+3")]
    [InlineData("@SUM(A1)")]
    [InlineData("  =1+1")]
    public async Task Text_starting_like_a_formula_is_refused(string name)
    {
        var rows = await Read($"full_name,birth_date\n{name},1990-04-05\n");

        Assert.Equal("full_name", Assert.Single(Assert.Single(rows).Errors).Column);
    }

    [Fact]
    public async Task Negative_numbers_and_international_phone_numbers_are_not_formulas()
    {
        var rows = await Read("full_name,birth_date,phone,dues\nHoa,1990-04-05,+84 912 345 678,-5\n");

        var row = Assert.Single(rows);
        Assert.True(row.IsValid, string.Join("; ", row.Errors));
        Assert.Equal(-5m, row.Number("dues"));
    }

    [Theory]
    [InlineData("1990-13-01")]
    [InlineData("31/02/1990")]
    [InlineData("04/05/90")]
    [InlineData("1990/04/05")]
    [InlineData("hôm qua")]
    public async Task Malformed_dates_are_refused_with_row_and_column(string date)
    {
        var rows = await Read($"full_name,birth_date\nHoa,{date}\n");

        var error = Assert.Single(Assert.Single(rows).Errors);
        Assert.Equal((2, "birth_date"), (error.RowNumber, error.Column));
        Assert.Contains("YYYY-MM-DD or dd/MM/yyyy", error.Reason, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Bad_numbers_and_phones_are_refused_by_column()
    {
        var rows = await Read("full_name,birth_date,phone,dues\nHoa,1990-04-05,=1+1,năm\n");

        Assert.Equal(["phone", "dues"], Assert.Single(rows).Errors.Select(e => e.Column));
    }

    [Fact]
    public async Task Broken_rows_are_reported_and_reading_goes_on_at_the_next_line()
    {
        var rows = await Read("full_name,birth_date\nHoa,1990-04-05,extra\n\"Ngoặc \"lỗi\",1990-04-05\nx\"y,1990-04-05\nBảy,1961-12-31\n");

        Assert.Equal([2, 3, 4, 5], rows.Select(r => r.RowNumber));
        Assert.Equal("has 3 fields, the header has 2", Assert.Single(rows[0].Errors).Reason);
        Assert.All(rows.Take(3), r => Assert.Equal(ImportError.WholeRow, Assert.Single(r.Errors).Column));
        Assert.Equal("Bảy", rows[3].Text("full_name"));
    }

    [Fact]
    public async Task A_missing_required_column_refuses_the_file()
    {
        var error = await Assert.ThrowsAsync<ImportFileException>(() => Read("full_name,phone\nHoa,0912\n"));

        Assert.Contains("lacks birth_date", error.Message, StringComparison.Ordinal);
    }
}
