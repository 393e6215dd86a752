using System.Collections.Concurrent;
using System.Globalization;
using Grpc.Core;
using Grpc.Net.Client;
using RedCross.Contracts.Awards.V1;
using RedCross.Contracts.Campaign.V1;
using RedCross.Contracts.Membership.V1;
using RedCross.Contracts.Relief.V1;
using RedCross.Contracts.Reporting.V1;
using RedCross.System.Tests.Infrastructure;
using RedCross.Testing;
using RedCross.Testing.Processes;
using Xunit;

namespace RedCross.System.Tests.Faults;

/// <summary>Writes that reporting counts, one kind per source, all dated in one year so a test's figures are its own:
/// membership registers members, relief records cash donations, campaign records examinations of a running campaign,
/// awards nominates groups and approves them. Every write carries a request id and is retried with it while the
/// service is away, so a write the service committed but could not answer is acknowledged once, by its retry. The
/// ledger holds what the APIs acknowledged; <see cref="AssertReconciledAsync"/> checks it against the services' own
/// tables and against reporting's figures.</summary>
internal sealed class Workload
{
    public const string Membership = "membership";
    public const string Relief = "relief";
    public const string Campaign = "campaign";
    public const string Awards = "awards";
    public static readonly string[] Sources = [Membership, Relief, Campaign, Awards];

    private const long DonationVnd = 1_000;
    private const string Issuer = "06-HCTD-SUCO";
    private static readonly TimeSpan GiveUp = TimeSpan.FromMinutes(3);

    private readonly Platform platform;
    private readonly int year;
    private readonly GrpcChannel membership, relief, campaign, awards, awardsAdmin, reporting;
    private readonly ConcurrentDictionary<string, ConcurrentQueue<string>> acknowledged = new(Sources.ToDictionary(s => s, _ => new ConcurrentQueue<string>()));
    private readonly ConcurrentDictionary<string, int> failedAttempts = new(Sources.ToDictionary(s => s, _ => 0));
    private string sponsorId = string.Empty;
    private string campaignId = string.Empty;

    private Workload(Platform platform, int year)
    {
        this.platform = platform;
        this.year = year;
        var officer = platform.Tokens.DistrictOfficer058;
        membership = Channels.Local(platform.MembershipGrpcPort, officer);
        relief = Channels.Local(platform.ReliefGrpcPort, officer);
        campaign = Channels.Local(platform.CampaignGrpcPort, officer);
        awards = Channels.Local(platform.AwardsGrpcPort, officer);
        awardsAdmin = Channels.Local(platform.AwardsGrpcPort, platform.Tokens.ProvinceAdmin);
        reporting = Channels.Local(platform.ReportingGrpcPort, platform.Tokens.ProvinceAdmin);
    }

    /// <summary>What each source's API acknowledged: the ids of counted records (approved nominations for awards).</summary>
    public IReadOnlyCollection<string> Acknowledged(string source) => acknowledged[source];

    /// <summary>Attempts that failed with the service away (then retried with the same request id).</summary>
    public int FailedAttempts(string source) => failedAttempts[source];

    public int AcknowledgedTotal => Sources.Sum(s => acknowledged[s].Count);

    /// <summary>The sponsor, campaign and issuer the writes need, once each service knows the tree from membership.</summary>
    public static async Task<Workload> PrepareAsync(Platform platform, int year)
    {
        var w = new Workload(platform, year);
        w.sponsorId = (await Eventually.OnceTheTreeIsKnown(() => new Sponsors.SponsorsClient(w.relief).CreateSponsorAsync(new CreateSponsorRequest
        {
            Sponsor = new Sponsor { Kind = "organisation", DisplayName = $"Nhà tài trợ sự cố {year}", OrgUnit = "058" },
        }).ResponseAsync, "relief to know 058")).Id;
        var campaigns = new Campaigns.CampaignsClient(w.campaign);
        var created = await Eventually.OnceTheTreeIsKnown(() => campaigns.CreateCampaignAsync(new CreateCampaignRequest
        {
            Campaign = new Contracts.Campaign.V1.Campaign { Type = "health_check", Name = $"Khám bệnh sự cố {year}", OrgUnit = "058", StartDate = $"{year}-01-01", EndDate = $"{year}-12-31" },
        }).ResponseAsync, "campaign to know 058");
        w.campaignId = (await campaigns.OpenCampaignAsync(new OpenCampaignRequest { Id = created.Id, OpenedOn = $"{year}-01-01" })).Id;
        await Eventually.OnceTheTreeIsKnown(async () =>
        {
            try
            {
                return await new Issuers.IssuersClient(w.awardsAdmin).CreateIssuerAsync(new CreateIssuerRequest
                {
                    Issuer = new Issuer
                    {
                        Code = Issuer, Kind = "provincial_red_cross", OrgUnit = "06", Name = "Hội Chữ thập đỏ tỉnh (sự cố)",
                        Forms = { new AwardForm { Kind = "certificate_of_merit", CashCollectiveVnd = 750_000 } },
                    },
                });
            }
            catch (RpcException e) when (e.StatusCode == StatusCode.AlreadyExists)
            {
                return new Issuer { Code = Issuer }; // an earlier test of this deployment registered it
            }
        }, "awards to know 06");
        return w;
    }

    /// <summary>One write to <paramref name="source"/>, retried with its request id until the service acknowledges it.</summary>
    public async Task WriteAsync(string source)
    {
        var requestId = Guid.NewGuid().ToString();
        switch (source)
        {
            case Membership:
                var member = await Retried(source, o => new Members.MembersClient(membership).RegisterMemberAsync(new RegisterMemberRequest
                {
                    FullName = $"Sự Cố {Imports.Letters(Random.Shared.Next(17_576))} {Imports.Letters(Random.Shared.Next(17_576))}", BirthDate = "1980-01-01",
                    Sex = "female", OrgUnit = "01834", JoinedDate = $"{year}-06-15", RequestId = requestId,
                }, o).ResponseAsync);
                acknowledged[source].Enqueue(member.Id);
                break;
            case Relief:
                var donation = await Retried(source, o => new Donations.DonationsClient(relief).CreateDonationAsync(new CreateDonationRequest
                {
                    Donation = new Donation { SponsorId = sponsorId, OrgUnit = "058", Kind = "cash", ValueVnd = DonationVnd, ReceivedOn = $"{year}-06-15" },
                    RequestId = requestId,
                }, o).ResponseAsync);
                acknowledged[source].Enqueue(donation.Id);
                break;
            case Campaign:
                var result = await Retried(source, o => new Campaigns.CampaignsClient(campaign).RecordCampaignResultAsync(new RecordCampaignResultRequest
                {
                    CampaignId = campaignId, Result = new CampaignResult { RecordedOn = $"{year}-06-15", Figures = new CampaignFigures { Examinations = 1 } },
                    RequestId = requestId,
                }, o).ResponseAsync);
                acknowledged[source].Enqueue(result.Id);
                break;
            case Awards:
                acknowledged[source].Enqueue(await NominateAndApproveAsync(requestId));
                break;
            default:
                throw new ArgumentOutOfRangeException(nameof(source), source, null);
        }
    }

    /// <summary>Two writes: a submitted nomination of a group (its request id makes the retry safe), then its approval
    /// (an approval whose answer was lost is found approved, and refused as not submitted, when retried).</summary>
    private async Task<string> NominateAndApproveAsync(string requestId)
    {
        var nomination = await Retried(Awards, o => new Nominations.NominationsClient(awards).CreateNominationAsync(new CreateNominationRequest
        {
            Nomination = new Nomination
            {
                IssuerCode = Issuer, FormKind = "certificate_of_merit", Movement = "society_work", Year = year, ProposerOrgUnit = "058",
                Recipient = new Recipient { Kind = "group", OrgUnit = "01846", GroupName = "Tổ sự cố " + requestId },
            },
            Submit = true, SubmittedOn = $"{year}-11-01", RequestId = requestId,
        }, o).ResponseAsync);
        var admin = new Nominations.NominationsClient(awardsAdmin);
        var approved = await Retried(Awards, async o =>
        {
            try
            {
                return await admin.ApproveNominationAsync(new ApproveNominationRequest { Id = nomination.Id, DecisionNumber = "1/QĐ-SC", DecisionDate = $"{year}-12-01" }, o);
            }
            catch (RpcException e) when (e.StatusCode == StatusCode.FailedPrecondition)
            {
                return await admin.GetNominationAsync(new GetNominationRequest { Id = nomination.Id }, o);
            }
        });
        Assert.Equal("approved", approved.Status);
        return approved.Id;
    }

    /// <summary>The figure reporting counts for a source's writes in 058 (the whole district) for the year; -1 while
    /// reporting is away or does not know the unit yet.</summary>
    public async Task<long> Counted(string source)
    {
        try
        {
            var set = await new Reporting.ReportingClient(reporting).GetIndicatorsAsync(new GetIndicatorsRequest { OrgUnit = "058", Period = Year },
                deadline: DateTime.UtcNow.AddSeconds(10));
            return set.Indicators.Single(i => i.Code == Code(source)).Value;
        }
        catch (RpcException e) when (e.StatusCode is StatusCode.NotFound or StatusCode.Unavailable or StatusCode.Internal or StatusCode.DeadlineExceeded)
        {
            return -1;
        }
    }

    /// <summary>What reporting should count for what the source acknowledged: one each, or each donation's value.</summary>
    public long Expected(string source) => acknowledged[source].Count * (source == Relief ? DonationVnd : 1);

    /// <summary>The source's own rows of this year, read from its SQLite file.</summary>
    public Task<long> Stored(string source)
    {
        var db = platform.Database(source);
        (string, object)[] range = [("$from", $"{year}-01-01"), ("$to", $"{year}-12-31")];
        return source switch
        {
            Membership => Ledger.MembersJoined(db, "06/058", year),
            Relief => Ledger.Rows(db, "donations", "ReceivedOn BETWEEN $from AND $to", range),
            Campaign => Ledger.Rows(db, "campaign_results", "RecordedOn BETWEEN $from AND $to", range),
            _ => Ledger.Rows(db, "nominations", "Year = $year AND Status = 'approved'", ("$year", year)),
        };
    }

    public Task<long> Unsent(string source) => Ledger.Unsent(platform.Database(source));

    public ServiceProcess Process(string service) => service switch
    {
        Membership => platform.Membership,
        Relief => platform.Relief,
        Campaign => platform.Campaign,
        Awards => platform.Awards,
        "reporting" => platform.Reporting,
        _ => throw new ArgumentOutOfRangeException(nameof(service), service, null),
    };

    /// <summary>Nothing acknowledged is missing and nothing is there twice: each source's table holds exactly the
    /// acknowledged records, reporting counts exactly them, and still does once every outbox is published, the bus is
    /// drained and a catch-up has re-read every log (late redeliveries and the catch-up must not add anything).</summary>
    public async Task AssertReconciledAsync()
    {
        foreach (var source in Sources)
        {
            var ids = acknowledged[source].ToList();
            Assert.Equal(ids.Count, ids.Distinct().Count());
            Assert.Equal(ids.Count, await Ledger.RowsWithIds(platform.Database(source), Table(source), ids));
            Assert.Equal(ids.Count, await Stored(source));
        }

        foreach (var source in Sources)
        {
            await Eventually.Until(() => Counted(source), v => v == Expected(source), TimeSpan.FromSeconds(180),
                $"reporting to count {source}'s {acknowledged[source].Count} acknowledged writes of {year}");
        }

        foreach (var source in Sources)
        {
            try
            {
                await Eventually.Until(() => Unsent(source), n => n == 0, TimeSpan.FromSeconds(60), $"{source}'s outbox to be published");
            }
            catch (TimeoutException e)
            {
                // Says why the relay stood still: its warnings, from the service's own log.
                var lines = Process(source).Log.Split('\n');
                var relay = lines.SelectMany((l, i) => l.Contains("relay", StringComparison.OrdinalIgnoreCase) ? lines.Skip(i).Take(3) : []).TakeLast(30);
                throw new TimeoutException(e.Message + "\nThe relay's last log lines:\n" + string.Join('\n', relay), e);
            }
        }

        await Eventually.Until(() => platform.Rabbit.QueueDepth("reporting"), d => d == 0, TimeSpan.FromSeconds(60), "reporting's queue to drain");
        await new ReportingAdmin.ReportingAdminClient(reporting).CatchUpAsync(new CatchUpRequest());
        foreach (var source in Sources)
        {
            Assert.True(Expected(source) == await Counted(source), $"{source}: reporting counts {await Counted(source)}, the ledger {Expected(source)}");
        }
    }

    private string Year => year.ToString(CultureInfo.InvariantCulture);

    private static string Table(string source) => source switch
    {
        Membership => "members",
        Relief => "donations",
        Campaign => "campaign_results",
        _ => "nominations",
    };

    private static string Code(string source) => source switch
    {
        Membership => "membership.members.new",
        Relief => "relief.donations.received_vnd",
        Campaign => "campaign.health.visits.examination",
        _ => "awards.commendations.collective",
    };

    /// <summary>A call retried while its service is away (refused connection, reset stream, no answer in time).</summary>
    private async Task<T> Retried<T>(string source, Func<CallOptions, Task<T>> call)
    {
        var giveUp = DateTime.UtcNow + GiveUp;
        while (true)
        {
            try
            {
                return await call(new CallOptions(deadline: DateTime.UtcNow.AddSeconds(30)));
            }
            catch (RpcException e) when (e.StatusCode is StatusCode.Unavailable or StatusCode.Internal or StatusCode.Cancelled or StatusCode.DeadlineExceeded or StatusCode.Unknown
                && DateTime.UtcNow < giveUp)
            {
                failedAttempts.AddOrUpdate(source, 1, (_, n) => n + 1);
                await Task.Delay(100); // the pause between retries of a bounded loop, not a wait for a condition
            }
        }
    }

}

/// <summary>Writers that keep writing to every source, a few at a time, until stopped; a writer stops only between
/// writes, so every write it began is acknowledged (retried through any outage) and in the ledger.</summary>
internal sealed class Traffic
{
    private readonly CancellationTokenSource stop = new();
    private readonly List<Task> writers;

    public Traffic(Workload workload, int writersPerSource)
    {
        writers = [.. Workload.Sources.SelectMany(source => Enumerable.Range(0, writersPerSource).Select(_ => Task.Run(async () =>
        {
            while (!stop.IsCancellationRequested)
            {
                await workload.WriteAsync(source);
            }
        })))];
    }

    /// <summary>Fails at once when a writer failed (its exception), so a wait does not time out in silence.</summary>
    public void ThrowIfFailed()
    {
        if (writers.FirstOrDefault(w => w.IsFaulted) is { } failed)
        {
            failed.GetAwaiter().GetResult();
        }
    }

    public async Task StopAsync()
    {
        await stop.CancelAsync();
        await Task.WhenAll(writers);
    }
}
