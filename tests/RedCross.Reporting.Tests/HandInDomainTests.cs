using RedCross.Contracts.Reporting.V1;
using RedCross.Reporting.Domain;
using RedCross.Reporting.Reports;
using Xunit;

namespace RedCross.Reporting.Tests;

/// <summary>Amendments are the issued figures against today's, and a unit's hand-in status follows from them.</summary>
public sealed class HandInDomainTests
{
    [Fact]
    public void Only_changed_figures_are_amendments_in_catalogue_order_with_their_difference()
    {
        var issued = new Dictionary<string, long> { ["relief.activity_value_vnd"] = 352_323_000, ["membership.members.new"] = 3, ["membership.members.active"] = 10 };
        var now = new Dictionary<string, long> { ["relief.activity_value_vnd"] = 402_323_000, ["membership.members.new"] = 3, ["membership.members.active"] = 9 };

        var changes = Amendments.Diff(issued, now);

        Assert.Equal([("membership.members.active", 10L, 9L, -1L), ("relief.activity_value_vnd", 352_323_000L, 402_323_000L, 50_000_000L)],
            changes.Select(c => (c.Code, c.Issued, c.Now, c.Difference)));
    }

    [Fact]
    public void A_figure_on_one_side_only_counts_as_zero_on_the_other()
    {
        var changes = Amendments.Diff(new Dictionary<string, long> { ["a.gone"] = 4 }, new Dictionary<string, long> { ["b.new"] = 2, ["c.zero"] = 0 });
        Assert.Equal([("a.gone", 4L, 0L, -4L), ("b.new", 0L, 2L, 2L)], changes.Select(c => (c.Code, c.Issued, c.Now, c.Difference)));
    }

    [Fact]
    public void Same_figures_make_no_amendment()
    {
        var figures = new Dictionary<string, long> { ["membership.members.new"] = 3 };
        Assert.Empty(Amendments.Diff(figures, new Dictionary<string, long>(figures)));
    }

    [Theory]
    [InlineData(false, 0, "not_issued")]
    [InlineData(false, 3, "not_issued")]
    [InlineData(true, 0, "issued")]
    [InlineData(true, 1, "amended")]
    public void Status_is_not_issued_issued_or_amended_since(bool issued, int changed, string status) =>
        Assert.Equal(status, HandInStatus.Of(issued, changed));

    [Theory]
    [InlineData("relief", true)]
    [InlineData("programmes", true)]
    [InlineData("difficulty:membership.growth_below_target", true)]
    [InlineData("difficulty:relief.address_reviews_overdue", true)]
    [InlineData("difficulty:nothing", false)]
    [InlineData("difficulty:", false)]
    [InlineData("directions", false)]
    [InlineData("Relief", false)]
    [InlineData("", false)]
    public void Notes_go_under_known_sections_and_difficulties_only(string section, bool known) =>
        Assert.Equal(known, NoteSections.IsKnown(section));

    [Fact]
    public void The_model_writes_amendments_with_units_and_signs_and_a_draft_has_a_blank_number()
    {
        var report = new AnnualReport
        {
            Amendments =
            {
                new ReportAmendment { Code = "relief.activity_value_vnd", LabelVi = "Giá trị", LabelEn = "Value", Issued = 352_323_000, Now = 402_323_000, Difference = 50_000_000 },
                new ReportAmendment { Code = "membership.members.active", LabelVi = "Hội viên", LabelEn = "Members", Issued = 10, Now = 9, Difference = -1 },
            },
        };

        var rows = HandInModel.Amendments(report, "vi").Cast<Dictionary<string, object>>().ToList();
        Assert.Equal(("352.323.000 đồng", "402.323.000 đồng", "+50.000.000 đồng"), ((string)rows[0]["issued"], (string)rows[0]["now"], (string)rows[0]["difference"]));
        Assert.Equal("-1", rows[1]["difference"]);
        Assert.Equal("Members", HandInModel.Amendments(report, "en").Cast<Dictionary<string, object>>().Last()["label"]);

        var draft = HandInModel.Issue(report);
        Assert.Equal((false, string.Empty, string.Empty), ((bool)draft["issued"], (string)draft["number"], (string)draft["issued_on_text"]));
        report.Issue = new AnnualReportIssue { Number = "12", IssuedOn = "2014-01-10", SignerName = "Nguyễn Văn A", SignerTitle = "Chủ tịch", Version = 1 };
        var issued = HandInModel.Issue(report);
        Assert.Equal((true, "12", "2014-01-10", "10/01/2014"), ((bool)issued["issued"], (string)issued["number"], (string)issued["issued_on"], (string)issued["issued_on_text"]));
    }
}
