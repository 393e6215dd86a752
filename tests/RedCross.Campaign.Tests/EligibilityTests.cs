using Grpc.Core;
using Microsoft.EntityFrameworkCore;
using RedCross.Contracts.Campaign.V1;
using RedCross.Contracts.Events.Campaign;
using RedCross.Testing;
using Xunit;

namespace RedCross.Campaign.Tests;

/// <summary>Every eligibility rule at its boundary, through RecordBloodDonation: the last day refused and the first
/// allowed, nothing stored for a refusal.</summary>
public sealed class EligibilityTests(CampaignFactory factory) : IClassFixture<CampaignFactory>
{
    private static int serial;

    private string Token => factory.Tokens.DistrictOfficer058;

    private BloodDonations.BloodDonationsClient Donations => factory.Donations(Token);

    internal static BloodDonor Donor(string birth = "1990-01-01", string sex = "male", double kg = 60, string unit = "01834") => new()
    {
        FullName = $"Hoàng Văn Hiến {Interlocked.Increment(ref serial)}",
        BirthDate = birth,
        Sex = sex,
        WeightKg = kg,
        BloodGroup = "O+",
        OrgUnit = unit,
        Phone = "0987654321",
    };

    private async Task<BloodDonor> Registered(string birth = "1990-01-01", string sex = "male", double kg = 60)
    {
        await factory.EnsureTree();
        return await factory.Donors(Token).CreateBloodDonorAsync(new CreateBloodDonorRequest { Donor = Donor(birth, sex, kg) });
    }

    internal static RecordBloodDonationRequest Give(string donorId, string on, int ml = 350, string component = "whole_blood", double kg = 0) => new()
    {
        Donation = new BloodDonation { DonorId = donorId, DonatedOn = on, VolumeMl = ml, Component = component, WeightKg = kg },
    };

    private async Task Refused(string reason, RecordBloodDonationRequest request)
    {
        var (donations, outbox) = (await Stored(), await factory.OutboxCount());
        Assert.Equal(reason, await RpcAssert.Reason(StatusCode.FailedPrecondition, () => Donations.RecordBloodDonationAsync(request).ResponseAsync));
        Assert.Equal((donations, outbox), (await Stored(), await factory.OutboxCount()));
    }

    private Task<int> Stored() => factory.WithDb(db => db.Donations.CountAsync());

    [Fact]
    public async Task Whole_blood_needs_12_weeks_refused_the_day_before_allowed_the_day_of()
    {
        var donor = await Registered();
        await Donations.RecordBloodDonationAsync(Give(donor.Id, "2013-03-01"));
        await Refused("INTERVAL_TOO_SHORT", Give(donor.Id, "2013-05-23"));
        await Refused("INTERVAL_TOO_SHORT", Give(donor.Id, "2013-05-23", component: "plasma"));
        var second = await Donations.RecordBloodDonationAsync(Give(donor.Id, "2013-05-24"));
        Assert.Equal(2, second.CumulativeCount);
    }

    [Fact]
    public async Task Plasma_and_platelets_need_2_weeks()
    {
        var donor = await Registered();
        await Donations.RecordBloodDonationAsync(Give(donor.Id, "2013-03-01", 400, "plasma"));
        await Refused("INTERVAL_TOO_SHORT", Give(donor.Id, "2013-03-14", 250, "platelets"));
        await Donations.RecordBloodDonationAsync(Give(donor.Id, "2013-03-15", 250, "platelets"));
        await Refused("INTERVAL_TOO_SHORT", Give(donor.Id, "2013-03-28"));
        await Donations.RecordBloodDonationAsync(Give(donor.Id, "2013-03-29"));
    }

    [Fact]
    public async Task A_late_entry_must_keep_the_interval_before_the_donation_after_it_too()
    {
        var donor = await Registered();
        await Donations.RecordBloodDonationAsync(Give(donor.Id, "2013-06-01"));
        // 84 days before 1 June is 9 March: whole blood on 10 March would leave too short a gap before June.
        await Refused("INTERVAL_TOO_SHORT", Give(donor.Id, "2013-03-10"));
        await Donations.RecordBloodDonationAsync(Give(donor.Id, "2013-03-09"));
    }

    [Fact]
    public async Task Donors_are_18_to_60_refused_the_day_before_the_18th_birthday()
    {
        var young = await Registered(birth: "1995-06-10");
        await Refused("DONOR_TOO_YOUNG", Give(young.Id, "2013-06-09"));
        await Donations.RecordBloodDonationAsync(Give(young.Id, "2013-06-10"));

        var sixty = await Registered(birth: "1953-06-10");
        await Donations.RecordBloodDonationAsync(Give(sixty.Id, "2013-06-10"));
        var sixtyOne = await Registered(birth: "1952-06-10");
        await Refused("DONOR_TOO_OLD", Give(sixtyOne.Id, "2013-06-10"));
        await Donations.RecordBloodDonationAsync(Give(sixtyOne.Id, "2013-06-09"));
    }

    [Fact]
    public async Task Men_weigh_at_least_45_kg_and_women_42()
    {
        var man = await Registered(kg: 44.9);
        await Refused("DONOR_UNDERWEIGHT", Give(man.Id, "2013-04-01", 250));
        // Weighed again at the session: 45.0 kg passes and becomes the donor's weight.
        await Donations.RecordBloodDonationAsync(Give(man.Id, "2013-04-01", 250, kg: 45));
        Assert.Equal(45, (await factory.Donors(Token).GetBloodDonorAsync(new GetBloodDonorRequest { Id = man.Id })).WeightKg);

        var woman = await Registered(sex: "female", kg: 41.9);
        await Refused("DONOR_UNDERWEIGHT", Give(woman.Id, "2013-04-01", 250));
        await Donations.RecordBloodDonationAsync(Give(woman.Id, "2013-04-01", 250, kg: 42));
    }

    [Fact]
    public async Task Volume_is_at_most_9_ml_per_kg_and_500_ml()
    {
        var donor = await Registered(kg: 50);
        await Refused("VOLUME_OVER_WEIGHT_LIMIT", Give(donor.Id, "2013-04-01", 451));
        await Donations.RecordBloodDonationAsync(Give(donor.Id, "2013-04-01", 450));

        var heavy = await Registered(kg: 80);
        await Refused("VOLUME_OVER_MAXIMUM", Give(heavy.Id, "2013-04-01", 501));
        await Donations.RecordBloodDonationAsync(Give(heavy.Id, "2013-04-01", 500));
    }

    [Fact]
    public async Task A_deferred_donor_is_refused_until_the_deferral_ends()
    {
        var donor = await Registered();
        await factory.Donors(Token).RecordDeferralAsync(new RecordDeferralRequest
        {
            DonorId = donor.Id, Deferral = new BloodDeferral { DeferredOn = "2013-01-10", Until = "2013-02-28", Reason = "huyết áp thấp" },
        });
        await Refused("DONOR_DEFERRED", Give(donor.Id, "2013-02-28"));
        await Donations.RecordBloodDonationAsync(Give(donor.Id, "2013-03-01"));
    }

    [Fact]
    public async Task Each_donation_is_announced_with_the_donors_cumulative_count_and_no_health_data()
    {
        var donor = await Registered();
        await Donations.RecordBloodDonationAsync(Give(donor.Id, "2013-01-05", 250));
        var second = await Donations.RecordBloodDonationAsync(Give(donor.Id, "2013-05-01", 350));
        await factory.Services.Published<BloodDonationRecorded>(m => m.Context.Message.DonationId.ToString() == second.Id
            && m.Context.Message.DonorId.ToString() == donor.Id && m.Context.Message.CumulativeCount == 2 && m.Context.Message.VolumeMl == 350
            && m.Context.Message.OrgUnitCode == "01834" && m.Context.Message.DonatedOn == new DateOnly(2013, 5, 1)
            // The donor as reports count him: sex and age band on the day (born 1990-01-01, 23), never the birth date.
            && m.Context.Message.DonorSex == "male" && m.Context.Message.DonorAgeBand == "18-29");
        var payloads = await factory.WithDb(db => db.Set<Messaging.OutboxMessage>().Select(o => o.Payload).ToListAsync());
        Assert.DoesNotContain(payloads, p => p.Contains("Hoàng", StringComparison.Ordinal) || p.Contains("O+", StringComparison.Ordinal) || p.Contains("Weight", StringComparison.Ordinal)
            || p.Contains("1990-01-01", StringComparison.Ordinal));
        Assert.Equal(2, (await factory.Donors(Token).GetBloodDonorAsync(new GetBloodDonorRequest { Id = donor.Id })).DonationCount);
    }

    [Fact]
    public async Task Bad_donations_are_refused_field_by_field_and_nothing_is_stored()
    {
        var donor = await Registered(birth: "1990-01-01");
        var before = await Stored();
        Assert.Equal(["donation.donor_id", "donation.component", "donation.volume_ml", "donation.donated_on", "donation.weight_kg"],
            await RpcAssert.InvalidFields(() => Donations.RecordBloodDonationAsync(new RecordBloodDonationRequest
            {
                Donation = new BloodDonation { DonorId = "x", Component = "red_wine", VolumeMl = -1, DonatedOn = "2099-01-01", WeightKg = 44.95 },
            }).ResponseAsync));
        Assert.Equal(["donation.donated_on"], await RpcAssert.InvalidFields(() => Donations.RecordBloodDonationAsync(Give(donor.Id, "1989-12-31")).ResponseAsync));
        await RpcAssert.Fails(StatusCode.NotFound, () => Donations.RecordBloodDonationAsync(Give(Guid.NewGuid().ToString(), "2013-01-01")).ResponseAsync);
        Assert.Equal(before, await Stored());

        var badDonor = Donor();
        badDonor.BloodGroup = "C+";
        Assert.Equal(["donor.blood_group"], await RpcAssert.InvalidFields(() => factory.Donors(Token).CreateBloodDonorAsync(new CreateBloodDonorRequest { Donor = badDonor }).ResponseAsync));
    }

    [Fact]
    public async Task An_officer_of_058_cannot_record_a_donation_for_a_donor_of_060()
    {
        await factory.EnsureTree();
        var other = await factory.Donors(factory.Tokens.ProvinceAdmin).CreateBloodDonorAsync(new CreateBloodDonorRequest { Donor = Donor(unit: "060") });
        await RpcAssert.Fails(StatusCode.PermissionDenied, () => Donations.RecordBloodDonationAsync(Give(other.Id, "2013-04-01")).ResponseAsync);
        await RpcAssert.Fails(StatusCode.PermissionDenied, () => factory.Donors(Token).CreateBloodDonorAsync(new CreateBloodDonorRequest { Donor = Donor(unit: "060") }).ResponseAsync);
    }
}
