using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Xunit;

namespace RedCross.Relief.Tests;

/// <summary>Humanitarian addresses over REST (JSON transcoding), on a host of their own: RestTests counts the outbox.</summary>
public sealed class AddressRestTests(ReliefFactory factory) : IClassFixture<ReliefFactory>
{
    [Fact]
    public async Task A_humanitarian_address_is_opened_reviewed_and_listed_overdue_over_rest()
    {
        await factory.EnsureTree();
        var rest = factory.Rest(factory.Tokens.DistrictOfficer058);
        var opened = await rest.PostAsJsonAsync("/api/v1/humanitarianAddresses", new
        {
            orgUnit = "01852", displayName = "Hộ ông Hà Văn Rest", situation = "Nhà tạm", needs = "Sửa nhà", openedOn = "2013-04-01",
        });
        Assert.Equal(HttpStatusCode.OK, opened.StatusCode);
        var id = (await opened.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetString();

        var overdue = await rest.GetFromJsonAsync<JsonElement>("/api/v1/humanitarianAddresses:overdue?orgUnit=01852&asOf=2014-04-02");
        Assert.Contains(overdue.GetProperty("humanitarianAddresses").EnumerateArray(), a => a.GetProperty("id").GetString() == id);

        var reviewed = await rest.PostAsJsonAsync($"/api/v1/humanitarianAddresses/{id}/reviews", new { reviewedOn = "2014-04-02", outcome = "still_eligible" });
        Assert.Equal(HttpStatusCode.OK, reviewed.StatusCode);
        Assert.Equal("2015-04-02", (await reviewed.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("dueOn").GetString());
        var future = await rest.PostAsJsonAsync($"/api/v1/humanitarianAddresses/{id}/reviews", new { reviewedOn = "2099-01-01", outcome = "still_eligible" });
        Assert.Equal(HttpStatusCode.BadRequest, future.StatusCode);
        Assert.DoesNotContain((await rest.GetFromJsonAsync<JsonElement>("/api/v1/humanitarianAddresses:overdue?orgUnit=01852&asOf=2014-04-03")).GetProperty("humanitarianAddresses").EnumerateArray(),
            a => a.GetProperty("id").GetString() == id);
    }
}
