using System.Text;
using Xunit;

namespace RedCross.Import.Tests;

public sealed class EncodingTests
{
    private static readonly string[] Names = ["Nguyễn Thị Hoà", "Đặng Văn Bảy", "Hoàng Thị Thuỷ"];

    [Fact]
    public async Task A_vietnamese_excel_csv_keeps_every_diacritic()
    {
        // Excel on a Vietnamese Windows: Windows-1258, ';' (the list separator), dd/MM/yyyy, CRLF, no BOM.
        var file = Fixtures.Windows1258(
            "full_name;birth_date;phone\r\n" +
            "Nguyễn Thị Hoà;05/04/1990;0912 345 678\r\n" +
            "Đặng Văn Bảy;31/12/1961;\r\n" +
            "Hoàng Thị Thuỷ;01/01/2000;+84 912 345 678\r\n");
        // The fixture must really not be UTF-8, or detection would not be tested.
        Assert.Throws<DecoderFallbackException>(() => new UTF8Encoding(false, true).GetString(file));

        var rows = await Fixtures.ReadAsync(file);

        Assert.All(rows, r => Assert.True(r.IsValid, string.Join("; ", r.Errors)));
        Assert.Equal(Names, rows.Select(r => r.Text("full_name")));
        Assert.All(rows, r => Assert.True(r.Text("full_name").IsNormalized(NormalizationForm.FormC)));
        Assert.Equal([new DateOnly(1990, 4, 5), new DateOnly(1961, 12, 31), new DateOnly(2000, 1, 1)], rows.Select(r => r.Date("birth_date")!.Value));
        Assert.Equal([2, 3, 4], rows.Select(r => r.RowNumber));
        Assert.Equal("+84 912 345 678", rows[2].Text("phone"));
    }

    [Fact]
    public async Task A_large_utf8_file_whose_characters_straddle_read_buffers_is_still_utf8()
    {
        // Enough rows that many a two- or three-byte character is cut between two 64 KiB reads.
        var text = new StringBuilder("full_name,birth_date\n");
        for (var i = 0; i < 20_000; i++)
        {
            text.Append(Names[i % Names.Length]).Append(",1990-04-05\n");
        }

        var bytes = new UTF8Encoding(false).GetBytes(text.ToString());
        Assert.True(bytes.Length > 4 * 64 * 1024);
        Assert.Equal(Encoding.UTF8.WebName, Assert.IsAssignableFrom<Encoding>(RedCross.Import.ImportEncodings.Detect(new MemoryStream(bytes))).WebName);

        var rows = await Fixtures.ReadAsync(bytes);
        Assert.Equal(20_000, rows.Count);
        Assert.All(rows, r => Assert.Contains(r.Text("full_name"), Names));
    }

    [Fact]
    public async Task Utf8_with_a_byte_order_mark_is_read_and_the_mark_is_not_part_of_the_header()
    {
        var rows = await Fixtures.ReadAsync(Fixtures.WithPreamble(Encoding.UTF8, "full_name,birth_date\nNguyễn Thị Hoà,1990-04-05\n"));

        Assert.Equal("Nguyễn Thị Hoà", Assert.Single(rows).Text("full_name"));
    }

    [Fact]
    public async Task Utf8_without_a_mark_in_decomposed_form_comes_out_composed()
    {
        var rows = await Fixtures.ReadAsync(Encoding.UTF8.GetBytes("full_name,birth_date\n" + "Đặng Văn Bảy".Normalize(NormalizationForm.FormD) + ",1961-12-31\n"));

        Assert.Equal("Đặng Văn Bảy", Assert.Single(rows).Text("full_name"));
    }

    [Theory]
    [InlineData("utf-16")]
    [InlineData("utf-16BE")]
    public async Task Utf16_with_a_byte_order_mark_is_read(string name)
    {
        var encoding = Encoding.GetEncoding(name);
        var rows = await Fixtures.ReadAsync(Fixtures.WithPreamble(encoding, "full_name;birth_date\r\nHoàng Thị Thuỷ;2000-01-01\r\n"));

        Assert.Equal("Hoàng Thị Thuỷ", Assert.Single(rows).Text("full_name"));
    }

    [Fact]
    public async Task An_explicit_encoding_overrides_detection()
    {
        // Plain ASCII bytes would be detected as UTF-8; the caller knows better.
        var file = Fixtures.Windows1258("full_name;birth_date\r\nHoa;1990-04-05\r\n");
        var rows = await Fixtures.ReadAsync(file, new ImportOptions { Columns = Fixtures.MemberColumns, Encoding = ImportEncodings.FromName("windows-1258") });

        Assert.Equal("Hoa", Assert.Single(rows).Text("full_name"));
    }

    [Fact]
    public async Task A_file_that_is_not_valid_in_the_named_encoding_is_refused_as_a_whole()
    {
        var file = Fixtures.Windows1258("full_name;birth_date\r\nĐặng Văn Bảy;31/12/1961\r\n");
        var error = await Assert.ThrowsAsync<ImportFileException>(() =>
            Fixtures.ReadAsync(file, new ImportOptions { Columns = Fixtures.MemberColumns, Encoding = ImportEncodings.FromName("utf-8") }));

        Assert.Contains("not valid utf-8", error.Message, StringComparison.Ordinal);
    }
}
