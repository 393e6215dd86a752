using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Xunit;

namespace RedCross.Relief.Tests;

/// <summary>The same API over REST (JSON transcoding), with the same statuses.</summary>
public sealed class RestTests(ReliefFactory factory) : IClassFixture<ReliefFactory>
{
    [Fact]
    public async Task A_beneficiary_is_created_and_read_over_rest_and_bad_input_is_400()
    {
        await factory.EnsureTree();
        var rest = factory.Rest(factory.Tokens.DistrictOfficer058);
        var created = await rest.PostAsJsonAsync("/api/v1/beneficiaries", new
        {
            kind = "household", fullName = "Lý Văn Rét", birthDate = "1965-02-02", householdSize = 4, categories = new[] { "near_poor" }, orgUnit = "01837",
        });
        Assert.Equal(HttpStatusCode.OK, created.StatusCode);
        var id = (await created.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetString();

        var read = await rest.GetFromJsonAsync<JsonElement>($"/api/v1/beneficiaries/{id}");
        Assert.Equal(4, read.GetProperty("householdSize").GetInt32());

        var bad = await rest.PostAsJsonAsync("/api/v1/donations", new { sponsorId = Guid.NewGuid(), orgUnit = "058", kind = "cash", valueVnd = -1 });
        Assert.Equal(HttpStatusCode.BadRequest, bad.StatusCode);

        // Whole đồng only: a fraction does not even parse into the int64 field.
        var fraction = await rest.PostAsJsonAsync("/api/v1/donations", new { sponsorId = Guid.NewGuid(), orgUnit = "058", kind = "cash", valueVnd = 1000.5 });
        Assert.Equal(HttpStatusCode.BadRequest, fraction.StatusCode);
        Assert.Equal(1, await factory.OutboxCount()); // the beneficiary registered above; no donation was stored
    }
}
