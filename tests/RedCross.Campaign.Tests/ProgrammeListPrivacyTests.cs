using Grpc.Core;
using MassTransit.Testing;
using Microsoft.EntityFrameworkCore;
using RedCross.Contracts.Campaign.V1;
using RedCross.Contracts.Events.Relief;
using RedCross.Contracts.Relief.V1;
using RedCross.ServiceDefaults.Security;
using RedCross.Testing;
using Xunit;
using AuditEntry = RedCross.Messaging.AuditEntry;

namespace RedCross.Campaign.Tests;

/// <summary>Campaign's copy of a drawn programme list is personal data held by one rule: names and sensitive
/// categories masked without `read personal data`, every read audited, and erased when relief anonymises the person.</summary>
public sealed class ProgrammeListPrivacyTests(CampaignWithRelief factory) : IClassFixture<CampaignWithRelief>
{
    private string Token => factory.Tokens.DistrictOfficer058;

    private Beneficiaries.BeneficiariesClient ReliefBeneficiaries => new(factory.Relief.Channel(Token));

    private async Task<Beneficiary> InRelief(string name, string unit, params string[] categories)
    {
        var person = new Beneficiary { Kind = "person", FullName = name, BirthDate = "1950-04-04", OrgUnit = unit, NationalId = string.Empty };
        person.Categories.AddRange(categories);
        return await ReliefBeneficiaries.CreateBeneficiaryAsync(new CreateBeneficiaryRequest { Beneficiary = person });
    }

    private async Task<(Contracts.Campaign.V1.Campaign Campaign, int Count)> Drawn(string unit, params string[] categories)
    {
        await factory.EnsureTree();
        await factory.Relief.SendTree();
        var campaign = await factory.Campaigns(Token).CreateCampaignAsync(new CreateCampaignRequest { Campaign = CampaignsTests.HealthCheck() });
        var drawn = await factory.Campaigns(Token).DrawBeneficiaryListAsync(new DrawBeneficiaryListRequest { CampaignId = campaign.Id, OrgUnit = unit, Categories = { categories } });
        return (campaign, drawn.Count);
    }

    private Task<List<AuditEntry>> ListReads(string beneficiaryId) => factory.WithDb(db => db.Set<AuditEntry>().AsNoTracking()
        .Where(e => e.RecordId == Guid.Parse(beneficiaryId) && e.Action == AuditEntry.Read && e.Method.EndsWith("/ListCampaignBeneficiaries"))
        .OrderBy(e => e.Position).ToListAsync());

    [Fact]
    public async Task A_viewer_reads_the_list_without_names_or_sensitive_categories_and_every_read_is_audited_per_person()
    {
        await factory.EnsureTree();
        await factory.Relief.SendTree();
        var disabled = await InRelief("Nông Văn Tật", "01834", "disabled", "poor");
        var orphan = await InRelief("Lý Thị Côi", "01834", "orphan");
        var elderly = await InRelief("Đàm Văn Già", "01834", "elderly", "seriously_ill");
        var (campaign, count) = await Drawn("01834", "disabled", "orphan", "elderly");
        Assert.Equal(3, count);

        var viewer = await factory.Campaigns(factory.Tokens.For(Roles.Viewer, "06/058"))
            .ListCampaignBeneficiariesAsync(new ListCampaignBeneficiariesRequest { CampaignId = campaign.Id, PageSize = 100 });
        var officer = await factory.Campaigns(Token).ListCampaignBeneficiariesAsync(new ListCampaignBeneficiariesRequest { CampaignId = campaign.Id, PageSize = 100 });

        Assert.Equal(3, viewer.Total);
        Assert.All(viewer.Beneficiaries, b => Assert.Equal("***", b.FullName));
        Assert.Equal(
            [(disabled.Id, new[] { "poor" }), (orphan.Id, Array.Empty<string>()), (elderly.Id, new[] { "elderly" })],
            viewer.Beneficiaries.Select(b => (b.BeneficiaryId, b.Categories.ToArray())));
        Assert.Equal(["Nông Văn Tật", "Lý Thị Côi", "Đàm Văn Già"], officer.Beneficiaries.Select(b => b.FullName));
        Assert.Equal(["disabled", "poor"], officer.Beneficiaries[0].Categories);

        foreach (var person in new[] { disabled, orphan, elderly })
        {
            var reads = await ListReads(person.Id);
            Assert.Equal([("viewer", true), ("district_officer", false)], reads.Select(e => (e.Role, e.FieldList.Contains("masked:full_name"))));
            Assert.All(reads, e => Assert.Equal("06/058/01834", e.OrgUnitPath));
        }
        // Province admins list the copies' trail: the draw (a change), then the two reads.
        var trail = await new CampaignBeneficiaryAudit.CampaignBeneficiaryAuditClient(factory.Channel(factory.Tokens.ProvinceAdmin))
            .ListAuditEntriesAsync(new ListCampaignBeneficiaryAuditEntriesRequest { BeneficiaryId = orphan.Id, PageSize = 1000 });
        Assert.Equal([("change", "DrawBeneficiaryList"), ("read", "ListCampaignBeneficiaries"), ("read", "ListCampaignBeneficiaries")],
            trail.AuditEntries.Select(e => (e.Action, e.Method.Split('/')[^1])));
        Assert.Equal(["beneficiary_id", "kind", "household_size", "org_unit", "masked:full_name", "masked:categories"], trail.AuditEntries[1].Fields);
        await RpcAssert.Fails(StatusCode.PermissionDenied, () => new CampaignBeneficiaryAudit.CampaignBeneficiaryAuditClient(factory.Channel(Token))
            .ListAuditEntriesAsync(new ListCampaignBeneficiaryAuditEntriesRequest()).ResponseAsync);
    }

    [Fact]
    public async Task Anonymising_a_beneficiary_in_relief_erases_the_name_in_every_list_and_changes_no_count()
    {
        await factory.EnsureTree();
        await factory.Relief.SendTree();
        var forgotten = await InRelief("Triệu Văn Quên", "01837", "war_invalid");
        var kept = await InRelief("Triệu Văn Nhớ", "01837", "war_invalid");
        var (first, _) = await Drawn("01837", "war_invalid");
        var (second, count) = await Drawn("01837", "war_invalid");
        var inactive = await ReliefBeneficiaries.UpdateBeneficiaryAsync(new UpdateBeneficiaryRequest
        {
            Beneficiary = new Beneficiary { Id = forgotten.Id, Status = "inactive" },
            UpdateMask = Google.Protobuf.WellKnownTypes.FieldMask.FromString("status"),
            Etag = forgotten.Etag,
        });

        await ReliefBeneficiaries.AnonymiseBeneficiaryAsync(new AnonymiseBeneficiaryRequest { Id = forgotten.Id, Etag = inactive.Etag });
        // Relief's event, as its outbox published it, delivered to campaign's bus.
        await factory.Relief.Services.Published<BeneficiaryAnonymised>(m => m.Context.Message.BeneficiaryId.ToString() == forgotten.Id);
        var announced = factory.Relief.Services.GetTestHarness().Published.Select<BeneficiaryAnonymised>().First(m => m.Context.Message.BeneficiaryId.ToString() == forgotten.Id);
        await factory.Publish(announced.Context.Message);

        await Eventually.Until(() => factory.WithDb(db => db.Beneficiaries.CountAsync(b => b.BeneficiaryId == Guid.Parse(forgotten.Id) && b.FullName != "Ẩn danh")),
            n => n == 0, what: "campaign to erase the name");
        foreach (var campaign in new[] { first, second })
        {
            var list = await factory.Campaigns(Token).ListCampaignBeneficiariesAsync(new ListCampaignBeneficiariesRequest { CampaignId = campaign.Id, PageSize = 100 });
            Assert.Equal((count, count), (list.Total, list.Beneficiaries.Count));
            Assert.Equal("Ẩn danh", list.Beneficiaries.Single(b => b.BeneficiaryId == forgotten.Id).FullName);
            Assert.Equal("Triệu Văn Nhớ", list.Beneficiaries.Single(b => b.BeneficiaryId == kept.Id).FullName);
            Assert.DoesNotContain(list.Beneficiaries, b => b.FullName.Contains("Quên", StringComparison.Ordinal));
        }

        Assert.Equal(0, await factory.WithDb(db => db.Beneficiaries.CountAsync(b => b.FullName.Contains("Quên"))));
        var trail = await new CampaignBeneficiaryAudit.CampaignBeneficiaryAuditClient(factory.Channel(factory.Tokens.ProvinceAdmin))
            .ListAuditEntriesAsync(new ListCampaignBeneficiaryAuditEntriesRequest { BeneficiaryId = forgotten.Id, PageSize = 1000 });
        Assert.Equal(2, trail.AuditEntries.Count(e => e.Method == "BeneficiaryAnonymised" && e.Subject == "relief" && e.Fields.SequenceEqual(["full_name"])));
    }
}
