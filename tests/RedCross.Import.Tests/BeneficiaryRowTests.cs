using System.Text;
using Xunit;

namespace RedCross.Import.Tests;

/// <summary>A beneficiary list's registered_on column: the day the list was drawn up, sent to the server as ISO.</summary>
public sealed class BeneficiaryRowTests
{
    [Fact]
    public async Task The_registration_date_is_read_in_either_format_and_empty_leaves_the_servers_today()
    {
        var csv = "full_name;birth_date;categories;org_unit;registered_on\n" +
            "Hà Thị Lập;05/05/1950;poor;01834;20/12/2013\n" +
            "Hà Văn Nay;1950-05-05;elderly;01834;\n";
        var rows = await Fixtures.ReadAsync(Encoding.UTF8.GetBytes(csv), new ImportOptions { Columns = BeneficiaryRows.Columns });

        Assert.All(rows, r => Assert.True(r.IsValid));
        Assert.Equal(["2013-12-20", ""], rows.Select(r => BeneficiaryRows.ToImport(r).Beneficiary.RegisteredOn));
    }
}
