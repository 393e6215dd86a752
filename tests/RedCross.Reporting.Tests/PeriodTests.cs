using RedCross.Reporting.Domain;
using Xunit;

namespace RedCross.Reporting.Tests;

public sealed class PeriodTests
{
    [Theory]
    [InlineData("2013", "2013-01-01", "2013-12-31")]
    [InlineData("2013-H1", "2013-01-01", "2013-06-30")]
    [InlineData("2013-H2", "2013-07-01", "2013-12-31")]
    [InlineData("2013-Q1", "2013-01-01", "2013-03-31")]
    [InlineData("2012-Q4", "2012-10-01", "2012-12-31")]
    [InlineData("2012-02", "2012-02-01", "2012-02-29")]
    public void Periods_are_cut_on_calendar_dates(string key, string from, string to)
    {
        var period = Period.Parse(key)!;
        Assert.Equal((DateOnly.Parse(from), DateOnly.Parse(to)), (period.From, period.To));
    }

    [Theory]
    [InlineData("")]
    [InlineData("13")]
    [InlineData("2013-Q5")]
    [InlineData("2013-H3")]
    [InlineData("2013-13")]
    [InlineData("1999")]
    [InlineData("2013-1")]
    public void Bad_periods_are_refused(string key) => Assert.Null(Period.Parse(key));

    [Fact]
    public void A_date_counts_in_its_year_half_year_quarter_and_month()
    {
        Assert.Equal(["2014", "2014-H1", "2014-Q1", "2014-01"], Period.KeysOf(new DateOnly(2014, 1, 1)));
        Assert.Equal(["2014", "2014-H1", "2014-Q2", "2014-06"], Period.KeysOf(new DateOnly(2014, 6, 30)));
        Assert.Equal(["2014", "2014-H2", "2014-Q3", "2014-07"], Period.KeysOf(new DateOnly(2014, 7, 1)));
    }
}
