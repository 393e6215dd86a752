using System.Text;
using Xunit;

namespace RedCross.Import.Tests;

public sealed class LimitTests
{
    private static readonly byte[] ThreeRows = Encoding.UTF8.GetBytes("full_name,birth_date\nA,1990-01-01\nB,1990-01-02\nC,1990-01-03\n");

    [Fact]
    public async Task More_rows_than_the_limit_refuse_the_file_naming_the_limit()
    {
        var error = await Assert.ThrowsAsync<ImportFileException>(() =>
            Fixtures.ReadAsync(ThreeRows, new ImportOptions { Columns = Fixtures.MemberColumns, MaxRows = 2 }));

        Assert.Contains("more than 2 rows", error.Message, StringComparison.Ordinal);
        Assert.Contains("MaxRows", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Exactly_the_row_limit_is_accepted()
    {
        var rows = await Fixtures.ReadAsync(ThreeRows, new ImportOptions { Columns = Fixtures.MemberColumns, MaxRows = 3 });

        Assert.Equal(3, rows.Count);
    }

    [Fact]
    public async Task Broken_rows_count_towards_the_row_limit()
    {
        var file = Encoding.UTF8.GetBytes("full_name,birth_date\nA\nB\nC,1990-01-03\n");

        await Assert.ThrowsAsync<ImportFileException>(() =>
            Fixtures.ReadAsync(file, new ImportOptions { Columns = Fixtures.MemberColumns, MaxRows = 2 }));
    }

    [Fact]
    public async Task A_file_over_the_byte_limit_is_refused_before_it_is_read()
    {
        var error = await Assert.ThrowsAsync<ImportFileException>(() =>
            Fixtures.ReadAsync(ThreeRows, new ImportOptions { Columns = Fixtures.MemberColumns, MaxBytes = ThreeRows.Length - 1 }));

        Assert.Contains($"over the limit of {ThreeRows.Length - 1} bytes", error.Message, StringComparison.Ordinal);
        Assert.Contains("MaxBytes", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_tab_separated_file_is_refused()
    {
        var error = await Assert.ThrowsAsync<ImportFileException>(() =>
            Fixtures.ReadAsync(Encoding.UTF8.GetBytes("full_name\tbirth_date\nA\t1990-01-01\n")));

        Assert.Contains("use ',' or ';'", error.Message, StringComparison.Ordinal);
    }
}
