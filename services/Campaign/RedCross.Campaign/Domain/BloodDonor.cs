using RedCross.OrgReplica;
using RedCross.ServiceDefaults.Errors;
using RedCross.ServiceDefaults.Text;
using RedCross.ServiceDefaults.Data;

namespace RedCross.Campaign.Domain;

/// <summary>A voluntary blood donor (người hiến máu tình nguyện). Weight, blood group, phone and deferrals are health
/// and personal data: masked for partners and viewers, audited, never in events.</summary>
internal sealed class BloodDonor : IResource, IVersioned
{
    public const string Male = "male";
    public const string Female = "female";

    /// <summary>The name an anonymised donor carries ("anonymised"), as members and beneficiaries do.</summary>
    public const string AnonymousName = "Ẩn danh";

    public const string AlreadyAnonymised = "ALREADY_ANONYMISED";

    public static readonly IReadOnlyDictionary<string, string> Sexes = new Dictionary<string, string> { [Male] = Male, [Female] = Female };

    /// <summary>ABO and RhD: anything else is refused, so no donor carries a group a blood bank would not know.</summary>
    public static readonly IReadOnlySet<string> BloodGroups = new HashSet<string>(StringComparer.Ordinal) { "A+", "A-", "B+", "B-", "AB+", "AB-", "O+", "O-" };

    public Guid Id { get; set; }

    public string FullName { get; set; } = string.Empty;

    /// <summary>Name without diacritics or case: the same-person rule and search compare it.</summary>
    public string SearchName { get; set; } = string.Empty;

    public DateOnly BirthDate { get; set; }

    public string Sex { get; set; } = Male;

    /// <summary>Weight in tenths of a kilogram (44.9 kg is 449): the weight rules compare whole numbers.</summary>
    public int WeightTenthsKg { get; set; }

    public string? BloodGroup { get; set; }

    public string OrgUnitCode { get; set; } = string.Empty;

    public string OrgUnitPath { get; set; } = string.Empty;

    public string? Phone { get; set; }

    public DateOnly RegisteredOn { get; set; }

    public int DonationCount { get; set; }

    public DateOnly? LastDonatedOn { get; set; }

    /// <summary>First day the intervals after the donations recorded allow another one.</summary>
    public DateOnly? NextEligibleOn { get; set; }

    /// <summary>Last day of the latest deferral (<see cref="DateOnly.MaxValue"/> for a permanent one).</summary>
    public DateOnly? DeferredUntil { get; set; }

    public int Version { get; set; }

    /// <summary>When name, phone and health data were erased (<see cref="Anonymise"/>); null until then.</summary>
    public DateTimeOffset? AnonymisedAt { get; set; }

    public string ETag => RedCross.ServiceDefaults.Data.ETag.Of(this);

    /// <summary>Erases what identifies the donor and their health data (Decree 13/2023/NĐ-CP): name, phone, weight and
    /// blood group, the weight each donation was checked with and every deferral's reason. Birth date, sex, unit, the
    /// donations (day, component, volume, cumulative count) and the deferrals' days stay, so every count (campaign's,
    /// reporting's, awards' tiers) is unchanged. Any donor may ask to be forgotten: there is no status to wait for, only
    /// once. Returns the refusal's reason, or null.</summary>
    public string? Anonymise(DateTimeOffset at, IEnumerable<BloodDonation> donations, IEnumerable<BloodDeferral> deferrals)
    {
        if (AnonymisedAt is not null)
        {
            return AlreadyAnonymised;
        }

        (FullName, SearchName) = (AnonymousName, SearchText.Key(AnonymousName));
        (Phone, WeightTenthsKg, BloodGroup, AnonymisedAt) = (null, 0, null, at);
        foreach (var donation in donations)
        {
            donation.WeightTenthsKg = 0;
        }

        foreach (var deferral in deferrals)
        {
            deferral.Reason = string.Empty;
        }

        return null;
    }

    /// <summary>Nothing new is recorded against an anonymised donor: a donation or a deferral would bring weight or a
    /// health reason back to a record that was erased.</summary>
    public void EnsureNotAnonymised()
    {
        if (AnonymisedAt is not null)
        {
            throw new RuleViolationException(AlreadyAnonymised, "This donor was anonymised; register the person again to record new donations.");
        }
    }

    /// <summary>A donation or deferral on <paramref name="on"/> (named <paramref name="field"/>): not for an anonymised
    /// donor, nor before the donor was born.</summary>
    public void EnsureCanRecord(DateOnly on, string field)
    {
        EnsureNotAnonymised();
        if (on < BirthDate)
        {
            throw new ValidationFailedException(field, "must not be before the donor's birth date");
        }
    }

    /// <summary>Defers the donor from <paramref name="on"/> until <paramref name="until"/> (for good when null); the
    /// donor's deferral ends with the latest one.</summary>
    public BloodDeferral Defer(DateOnly on, DateOnly? until, string reason, DateTimeOffset at)
    {
        EnsureCanRecord(on, "deferral.deferred_on");
        var last = until ?? DateOnly.MaxValue;
        if (DeferredUntil is null || DeferredUntil < last)
        {
            DeferredUntil = last;
        }

        return new BloodDeferral
        {
            Id = Guid.CreateVersion7(), DonorId = Id, DeferredOn = on, Until = until, Reason = reason, OrgUnitPath = OrgUnitPath, RecordedAt = at,
        };
    }

    /// <summary>A donation checked against the session's campaign and day, the <paramref name="rules"/>, the donor's
    /// neighbouring donations and the deferral in force; counted in the donor, the session and the campaign. The donor's
    /// weight becomes the one measured, when one was.</summary>
    public BloodDonation RecordDonation(DonationDraft draft, BloodSession? session, Campaign? campaign, EligibilityRules rules,
        (BloodDonation? Before, BloodDonation? After) neighbours, BloodDeferral? deferral, DateTimeOffset at)
    {
        var on = draft.DonatedOn;
        campaign?.EnsureNotClosed();
        session?.EnsureHeldOn(on);
        var weighed = draft.WeightTenthsKg ?? WeightTenthsKg;
        rules.CheckDonor(this, on, weighed, draft.VolumeMl);
        rules.CheckIntervals(neighbours.Before, neighbours.After, on, draft.Component);
        EligibilityRules.CheckDeferral(deferral);

        var donation = new BloodDonation
        {
            Id = Guid.CreateVersion7(), DonorId = Id, SessionId = session?.Id, CampaignId = campaign?.Id, Component = draft.Component,
            VolumeMl = draft.VolumeMl, DonatedOn = on, WeightTenthsKg = weighed, CumulativeCount = DonationCount + 1,
            OrgUnitCode = OrgUnitCode, OrgUnitPath = OrgUnitPath, RecordedAt = at,
        };
        DonationCount++;
        WeightTenthsKg = weighed;
        (LastDonatedOn, NextEligibleOn) = (Max(LastDonatedOn, on), Max(NextEligibleOn, on.AddDays(rules.IntervalDays(draft.Component))));
        if (session is not null && campaign is not null)
        {
            session.DonationCount++;
            campaign.Totals.BloodDonations++;
        }

        return donation;
    }

    /// <summary>The first day both the intervals and any deferral allow a donation.</summary>
    public DateOnly? EligibleSince => DeferredUntil is { } until
        ? until == DateOnly.MaxValue ? null : Max(NextEligibleOn, until.AddDays(1))
        : NextEligibleOn;

    private static DateOnly Max(DateOnly? a, DateOnly b) => a is { } x && x > b ? x : b;
}

/// <summary>A blood donation session (buổi hiến máu) of a campaign, held by a unit of the campaign's subtree.</summary>
internal sealed class BloodSession : IResource
{
    public Guid Id { get; set; }

    public Guid CampaignId { get; set; }

    public string OrgUnitCode { get; set; } = string.Empty;

    public string OrgUnitPath { get; set; } = string.Empty;

    public DateOnly HeldOn { get; set; }

    public string Place { get; set; } = string.Empty;

    public int DonationCount { get; set; }

    /// <summary>A donation at a session is given on the session's day.</summary>
    public void EnsureHeldOn(DateOnly on)
    {
        if (HeldOn != on)
        {
            throw new ValidationFailedException("donation.donated_on", $"must be the session's day, {HeldOn:yyyy-MM-dd}");
        }
    }
}

/// <summary>One donation, counted in the donor's home unit. Checked against <see cref="EligibilityRules"/> when recorded.</summary>
internal sealed class BloodDonation : IResource
{
    public const string WholeBlood = "whole_blood";
    public const string Plasma = "plasma";
    public const string Platelets = "platelets";

    public static readonly IReadOnlyDictionary<string, string> Components = new[] { WholeBlood, Plasma, Platelets }.ToDictionary(c => c);

    public Guid Id { get; set; }

    public Guid DonorId { get; set; }

    public Guid? SessionId { get; set; }

    public Guid? CampaignId { get; set; }

    public string Component { get; set; } = WholeBlood;

    public int VolumeMl { get; set; }

    public DateOnly DonatedOn { get; set; }

    /// <summary>The weight the rules were checked with, tenths of a kg (health data).</summary>
    public int WeightTenthsKg { get; set; }

    /// <summary>The donor's donations including this one, when it was recorded.</summary>
    public int CumulativeCount { get; set; }

    public string OrgUnitCode { get; set; } = string.Empty;

    public string OrgUnitPath { get; set; } = string.Empty;

    public DateTimeOffset RecordedAt { get; set; }
}

/// <summary>A deferral (tạm hoãn hiến máu): no donation from <see cref="DeferredOn"/> to <see cref="Until"/> (for good
/// when null). The reason is health data.</summary>
internal sealed class BloodDeferral : IInUnit
{
    public Guid Id { get; set; }

    public Guid DonorId { get; set; }

    public DateOnly DeferredOn { get; set; }

    public DateOnly? Until { get; set; }

    public string Reason { get; set; } = string.Empty;

    public string OrgUnitPath { get; set; } = string.Empty;

    public DateTimeOffset RecordedAt { get; set; }
}
