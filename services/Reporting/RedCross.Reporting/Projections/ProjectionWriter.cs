using System.Globalization;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Storage;
using RedCross.Messaging;
using RedCross.Reporting.Data;
using RedCross.Reporting.Domain;

namespace RedCross.Reporting.Projections;

/// <summary>Writes projection rows inside the intake's transaction with prepared upserts (a cell is
/// incremented in SQL, never read first): projecting through the change tracker cost several times the
/// work. Every source's projection writes through here.</summary>
internal sealed class ProjectionWriter(ReportingDb db) : IDisposable
{
    private Statements? statements;
    private IDbContextTransaction? preparedFor;

    internal const string CellSql =
        "INSERT INTO indicator_cells (Period, OrgUnitCode, Code, Value) VALUES ($p0, $p1, $p2, $p3) " +
        "ON CONFLICT (Period, OrgUnitCode, Code) DO UPDATE SET Value = Value + excluded.Value";

    internal const string PointSql =
        "INSERT INTO member_timeline (EventId, MemberId, EffectiveDate, RecordedAtTicks, Status, OrgUnitCode) VALUES ($p0, $p1, $p2, $p3, $p4, $p5)";

    // A timeline point's neighbours (day first, then unit and status or due date) in timeline order: by day, then by
    // recording time, then by event id (a review that closes an address and the closing share their day and time).
    private const string PreviousPointSql =
        "SELECT EffectiveDate, OrgUnitCode, Status FROM member_timeline WHERE MemberId = $p0 AND (EffectiveDate, RecordedAtTicks, EventId) < ($p1, $p2, $p3) " +
        "ORDER BY EffectiveDate DESC, RecordedAtTicks DESC, EventId DESC LIMIT 1";

    private const string NextPointSql =
        "SELECT EffectiveDate, OrgUnitCode, Status FROM member_timeline WHERE MemberId = $p0 AND (EffectiveDate, RecordedAtTicks, EventId) > ($p1, $p2, $p3) " +
        "ORDER BY EffectiveDate, RecordedAtTicks, EventId LIMIT 1";

    private const string MemberPointsSql =
        "SELECT EffectiveDate, OrgUnitCode, Status FROM member_timeline WHERE MemberId = $p0 ORDER BY EffectiveDate, RecordedAtTicks, EventId";

    private const string ProfileOfSql = "SELECT Sex, BirthYear, Volunteer, SetAtTicks FROM member_profiles WHERE MemberId = $p0";

    internal const string ProfileSql = "INSERT INTO member_profiles (MemberId, Sex, BirthYear, Volunteer, SetAtTicks) VALUES ($p0, $p1, $p2, $p3, $p4) " +
        "ON CONFLICT (MemberId) DO UPDATE SET Sex = excluded.Sex, BirthYear = excluded.BirthYear, Volunteer = excluded.Volunteer, SetAtTicks = excluded.SetAtTicks";

    private const string PreviousAddressPointSql =
        "SELECT EffectiveDate, OrgUnitCode, DueOn FROM address_timeline WHERE AddressId = $p0 AND (EffectiveDate, RecordedAtTicks, EventId) < ($p1, $p2, $p3) " +
        "ORDER BY EffectiveDate DESC, RecordedAtTicks DESC, EventId DESC LIMIT 1";

    private const string NextAddressPointSql =
        "SELECT EffectiveDate, OrgUnitCode, DueOn FROM address_timeline WHERE AddressId = $p0 AND (EffectiveDate, RecordedAtTicks, EventId) > ($p1, $p2, $p3) " +
        "ORDER BY EffectiveDate, RecordedAtTicks, EventId LIMIT 1";

    internal const string AddressPointSql =
        "INSERT INTO address_timeline (EventId, AddressId, OrgUnitCode, EffectiveDate, RecordedAtTicks, DueOn) VALUES ($p0, $p1, $p2, $p3, $p4, $p5)";

    internal const string TargetSql =
        "INSERT INTO growth_targets (OrgUnitCode, Year, NewMembers, SetAtTicks) VALUES ($p0, $p1, $p2, $p3) " +
        "ON CONFLICT (OrgUnitCode, Year) DO UPDATE SET NewMembers = excluded.NewMembers, SetAtTicks = excluded.SetAtTicks " +
        "WHERE excluded.SetAtTicks >= growth_targets.SetAtTicks";

    internal const string CommendationSql =
        "INSERT INTO commendation_lines (OrgUnitCode, CountedOn, IssuerCode, FormKind, Movement, IssuerKind, IssuerOrgUnitCode, Collectives, Individuals, CashVnd) " +
        "VALUES ($p0, $p1, $p2, $p3, $p4, $p5, $p6, $p7, $p8, $p9) ON CONFLICT (OrgUnitCode, CountedOn, IssuerCode, FormKind, Movement) DO UPDATE SET " +
        "Collectives = Collectives + excluded.Collectives, Individuals = Individuals + excluded.Individuals, CashVnd = CashVnd + excluded.CashVnd";

    private const string ProgrammeColumns = "INSERT INTO campaign_programmes (CampaignId, OrgUnitCode, Name, Type, StartDate, EndDate, ListSize, " +
        "ListDrawnAtTicks, Visits, CommunicationSessions, BloodDonations, BloodVolumeMl) ";

    internal const string ProgrammeOpenedSql = ProgrammeColumns + "VALUES ($p0, $p1, $p2, $p3, $p4, $p5, 0, 0, 0, 0, 0, 0) ON CONFLICT (CampaignId) DO UPDATE SET " +
        "OrgUnitCode = excluded.OrgUnitCode, Name = excluded.Name, Type = excluded.Type, StartDate = excluded.StartDate, EndDate = excluded.EndDate";

    internal const string ProgrammeVisitsSql = ProgrammeColumns + "VALUES ($p0, $p1, '', $p2, NULL, NULL, 0, 0, $p3, $p4, 0, 0) ON CONFLICT (CampaignId) DO UPDATE SET " +
        "Visits = Visits + excluded.Visits, CommunicationSessions = CommunicationSessions + excluded.CommunicationSessions";

    // A donation's event names the donor's unit, not the organiser's: a row it creates has no unit until the opening
    // arrives, and is not listed before then.
    internal const string ProgrammeBloodSql = ProgrammeColumns + "VALUES ($p0, '', '', '', NULL, NULL, 0, 0, 0, 0, 1, $p1) ON CONFLICT (CampaignId) DO UPDATE SET " +
        "BloodDonations = BloodDonations + 1, BloodVolumeMl = BloodVolumeMl + excluded.BloodVolumeMl";

    internal const string ProgrammeListSql = ProgrammeColumns + "VALUES ($p0, $p1, '', '', NULL, NULL, $p2, $p3, 0, 0, 0, 0) ON CONFLICT (CampaignId) DO UPDATE SET " +
        "ListSize = excluded.ListSize, ListDrawnAtTicks = excluded.ListDrawnAtTicks WHERE excluded.ListDrawnAtTicks >= campaign_programmes.ListDrawnAtTicks";

    internal const string PartnerSql = "INSERT INTO campaign_partners (CampaignId, Name) VALUES ($p0, $p1) ON CONFLICT (CampaignId, Name) DO NOTHING";

    internal const string GiftSql = "INSERT INTO campaign_gifts (CampaignId, SponsorId, ValueVnd, Gifts) VALUES ($p0, $p1, $p2, $p3) " +
        "ON CONFLICT (CampaignId, SponsorId) DO UPDATE SET ValueVnd = ValueVnd + excluded.ValueVnd, Gifts = Gifts + excluded.Gifts";

    internal const string SponsorSql = "INSERT INTO sponsor_names (SponsorId, Kind, DisplayName) VALUES ($p0, $p1, $p2) " +
        "ON CONFLICT (SponsorId) DO UPDATE SET Kind = excluded.Kind, DisplayName = excluded.DisplayName";

    public ReportingDb Db => db;

    /// <summary>Adds <paramref name="value"/> to the unit's cell for the year, quarter and month of <paramref name="date"/>.</summary>
    public void Add(string unit, DateOnly date, string code, long value)
    {
        foreach (var period in Period.KeysOf(date))
        {
            Prepared().Cell(period, unit, code, value);
        }
    }

    /// <summary>Adds <paramref name="value"/> (1 or -1: a person counted or un-counted) to a people figure's part for the
    /// person's sex and to its part for the age band (<see cref="PeopleBreakdown"/>); the figure itself is added apart.</summary>
    public void Person(string unit, DateOnly date, string code, string? sex, string? ageBand, long value)
    {
        Add(unit, date, PeopleBreakdown.BySex(code, PeopleBreakdown.SexKey(sex)), value);
        Add(unit, date, PeopleBreakdown.ByAge(code, PeopleBreakdown.AgeKey(ageBand)), value);
    }

    /// <summary>A blood donor counted once per unit and period in <paramref name="code"/> (and its parts by the sex and age
    /// band of the donation that first reached reporting), however many times the donor gave in it.</summary>
    public void Donor(Guid donorId, string unit, DateOnly date, string code, string? sex, string? ageBand)
    {
        var statements = Prepared();
        foreach (var period in Period.KeysOf(date))
        {
            if (statements.Count(Statement.DonorPeriod, SqliteFormat.Guid(donorId), unit, period) == 1)
            {
                statements.Cell(period, unit, code, 1);
                statements.Cell(period, unit, PeopleBreakdown.BySex(code, PeopleBreakdown.SexKey(sex)), 1);
                statements.Cell(period, unit, PeopleBreakdown.ByAge(code, PeopleBreakdown.AgeKey(ageBand)), 1);
            }
        }
    }

    /// <summary>A member's status and unit from <paramref name="effective"/> on, and the monthly stock deltas it changes.</summary>
    public void Point(Guid eventId, Guid memberId, DateOnly effective, DateTimeOffset recordedAt, string status, string unit) =>
        Prepared().Point(eventId, memberId, effective, recordedAt.UtcTicks, status, unit);

    /// <summary>A member's sex, month of birth and volunteer flag as recorded at <paramref name="recordedAt"/>, and the
    /// stock deltas of counting the member's whole timeline with them instead of the ones held before
    /// (<see cref="MemberStocks"/>); a profile recorded before the one held is ignored.</summary>
    public void Profile(Guid memberId, MemberProfile profile, DateTimeOffset recordedAt) => Prepared().Profile(memberId, profile, recordedAt.UtcTicks);

    public void Target(string unit, int year, int newMembers, DateTimeOffset setAt) => Prepared().Target(unit, year, newMembers, setAt.UtcTicks);

    /// <summary>A humanitarian address from <paramref name="effective"/> on: open with review due on <paramref name="dueOn"/>, or closed (null).</summary>
    public void AddressPoint(Guid eventId, Guid addressId, string unit, DateOnly effective, DateTimeOffset recordedAt, DateOnly? dueOn) =>
        Prepared().AddressPoint(eventId, addressId, unit, effective, recordedAt.UtcTicks, dueOn);

    /// <summary>Adds to the unit's commendations of one issuer, form and movement counted on <paramref name="on"/> (negative to revoke).</summary>
    public void Commendation(string unit, DateOnly on, string issuerCode, string formKind, string movement, string issuerKind, string issuerUnit,
        long collectives, long individuals, long cashVnd) =>
        Prepared().Commendation(unit, on, issuerCode, formKind, movement, issuerKind, issuerUnit, collectives, individuals, cashVnd);

    /// <summary>A campaign's title, type and dates, as opened.</summary>
    public void ProgrammeOpened(Guid campaignId, string unit, string name, string type, DateOnly start, DateOnly end) =>
        Prepared().Run(Statement.ProgrammeOpened, SqliteFormat.Guid(campaignId), unit, name, type, Iso(start), Iso(end));

    public void ProgrammeVisits(Guid campaignId, string unit, string type, long visits, long communicationSessions) =>
        Prepared().Run(Statement.ProgrammeVisits, SqliteFormat.Guid(campaignId), unit, type, visits, communicationSessions);

    /// <summary>One donation given at a session of the campaign.</summary>
    public void ProgrammeBlood(Guid campaignId, int volumeMl) => Prepared().Run(Statement.ProgrammeBlood, SqliteFormat.Guid(campaignId), volumeMl);

    public void ProgrammeList(Guid campaignId, string unit, int count, DateTimeOffset drawnAt) =>
        Prepared().Run(Statement.ProgrammeList, SqliteFormat.Guid(campaignId), unit, count, drawnAt.UtcTicks);

    public void Partner(Guid campaignId, string name) => Prepared().Run(Statement.Partner, SqliteFormat.Guid(campaignId), name);

    public void Gift(Guid campaignId, Guid sponsorId, long valueVnd, int gifts) =>
        Prepared().Run(Statement.Gift, SqliteFormat.Guid(campaignId), SqliteFormat.Guid(sponsorId), valueVnd, gifts);

    public void SponsorName(Guid sponsorId, string kind, string displayName) => Prepared().Run(Statement.Sponsor, SqliteFormat.Guid(sponsorId), kind, displayName);

    public void Dispose() => statements?.Dispose();

    private static string Iso(DateOnly date) => date.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);

    /// <summary>Statements prepared for the current transaction (a retry runs in a new one).</summary>
    private Statements Prepared()
    {
        var transaction = db.Database.CurrentTransaction ?? throw new InvalidOperationException("Projections are written inside a transaction.");
        if (statements is null || preparedFor != transaction)
        {
            statements?.Dispose();
            statements = new Statements((SqliteConnection)db.Database.GetDbConnection(), (SqliteTransaction)transaction.GetDbTransaction());
            preparedFor = transaction;
        }

        return statements;
    }

    /// <summary>The annual report's programme rows' statements.</summary>
    private enum Statement
    {
        ProgrammeOpened,
        ProgrammeVisits,
        ProgrammeBlood,
        ProgrammeList,
        Partner,
        Gift,
        Sponsor,
        DonorPeriod,
    }

    /// <summary>The prepared statements, in the column formats EF Core uses for SQLite.</summary>
    private sealed class Statements : IDisposable
    {
        private readonly SqliteCommand cell;
        private readonly SqliteCommand point;
        private readonly SqliteCommand previousPoint;
        private readonly SqliteCommand nextPoint;
        private readonly SqliteCommand memberPoints;
        private readonly SqliteCommand profileOf;
        private readonly SqliteCommand profile;
        private readonly SqliteCommand previousAddressPoint;
        private readonly SqliteCommand nextAddressPoint;
        private readonly SqliteCommand stockDelta;
        private readonly SqliteCommand target;
        private readonly SqliteCommand addressPoint;
        private readonly SqliteCommand commendation;
        private readonly Dictionary<Statement, SqliteCommand> more;

        public Statements(SqliteConnection connection, SqliteTransaction transaction)
        {
            cell = Prepare(connection, transaction, CellSql, 4);
            point = Prepare(connection, transaction, PointSql, 6);
            previousPoint = Prepare(connection, transaction, PreviousPointSql, 4);
            nextPoint = Prepare(connection, transaction, NextPointSql, 4);
            memberPoints = Prepare(connection, transaction, MemberPointsSql, 1);
            profileOf = Prepare(connection, transaction, ProfileOfSql, 1);
            profile = Prepare(connection, transaction, ProfileSql, 5);
            previousAddressPoint = Prepare(connection, transaction, PreviousAddressPointSql, 4);
            nextAddressPoint = Prepare(connection, transaction, NextAddressPointSql, 4);
            stockDelta = Prepare(connection, transaction, Stocks.DeltaSql, 4);
            target = Prepare(connection, transaction, TargetSql, 4);
            addressPoint = Prepare(connection, transaction, AddressPointSql, 6);
            commendation = Prepare(connection, transaction, CommendationSql, 10);
            more = new Dictionary<Statement, SqliteCommand>
            {
                [Statement.ProgrammeOpened] = Prepare(connection, transaction, ProgrammeOpenedSql, 6),
                [Statement.ProgrammeVisits] = Prepare(connection, transaction, ProgrammeVisitsSql, 5),
                [Statement.ProgrammeBlood] = Prepare(connection, transaction, ProgrammeBloodSql, 2),
                [Statement.ProgrammeList] = Prepare(connection, transaction, ProgrammeListSql, 4),
                [Statement.Partner] = Prepare(connection, transaction, PartnerSql, 2),
                [Statement.Gift] = Prepare(connection, transaction, GiftSql, 4),
                [Statement.Sponsor] = Prepare(connection, transaction, SponsorSql, 3),
                [Statement.DonorPeriod] = Prepare(connection, transaction, BloodDonors.FirstInPeriodSql, 3),
            };
        }

        public void Cell(string period, string unit, string code, long value) => Run(cell, period, unit, code, value);

        /// <summary>Inserts a member's point between its neighbours, and the stock deltas that changes.</summary>
        public void Point(Guid eventId, Guid memberId, DateOnly effective, long ticks, string status, string unit)
        {
            var (id, member, day) = (SqliteFormat.Guid(eventId), SqliteFormat.Guid(memberId), Iso(effective));
            var previous = Neighbour(previousPoint, member, day, ticks, id, MemberPointOf);
            var next = Neighbour(nextPoint, member, day, ticks, id, MemberPointOf);
            Run(point, id, member, day, ticks, status, unit);
            Deltas(Stocks.Inserted(previous, new StockPoint(unit, effective, Status: status), next?.Day, MemberStocks.Spans(ProfileOf(member).Profile)));
        }

        public void Profile(Guid memberId, MemberProfile now, long ticks)
        {
            var member = SqliteFormat.Guid(memberId);
            var (before, setAt) = ProfileOf(member);
            if (ticks < setAt)
            {
                return;
            }

            Run(profile, member, (object?)now.Sex ?? DBNull.Value, (object?)now.BirthYear ?? DBNull.Value, now.Volunteer ? 1 : 0, ticks);
            if (before == now)
            {
                return;
            }

            memberPoints.Parameters[0].Value = member;
            var points = new List<StockPoint>();
            using (var reader = memberPoints.ExecuteReader())
            {
                while (reader.Read())
                {
                    points.Add(MemberPointOf(reader));
                }
            }

            Deltas(MemberStocks.Reprofiled(points, before, now));
        }

        private (MemberProfile Profile, long SetAt) ProfileOf(string member)
        {
            profileOf.Parameters[0].Value = member;
            using var reader = profileOf.ExecuteReader();
            return reader.Read()
                ? (new MemberProfile(reader.IsDBNull(0) ? null : reader.GetString(0), reader.IsDBNull(1) ? null : reader.GetInt32(1), reader.GetInt64(2) != 0), reader.GetInt64(3))
                : (MemberProfile.Unknown, long.MinValue);
        }

        private static StockPoint MemberPointOf(SqliteDataReader r) => new(r.GetString(1), Day(r), Status: r.GetString(2));

        public void Target(string unit, int year, int newMembers, long ticks) => Run(target, unit, year, newMembers, ticks);

        private static StockPoint? Neighbour(SqliteCommand query, string owner, string day, long ticks, string eventId, Func<SqliteDataReader, StockPoint> read)
        {
            (query.Parameters[0].Value, query.Parameters[1].Value, query.Parameters[2].Value, query.Parameters[3].Value) = (owner, day, ticks, eventId);
            using var reader = query.ExecuteReader();
            return reader.Read() ? read(reader) : null;
        }

        private void Deltas(IEnumerable<(string Code, string Unit, string Month, int Value)> deltas)
        {
            foreach (var (code, unit, month, value) in deltas)
            {
                Run(stockDelta, code, unit, month, value);
            }
        }

        /// <summary>Inserts an address's point between its neighbours, and the stock deltas that changes.</summary>
        public void AddressPoint(Guid eventId, Guid addressId, string unit, DateOnly effective, long ticks, DateOnly? dueOn)
        {
            var (id, address, day) = (SqliteFormat.Guid(eventId), SqliteFormat.Guid(addressId), Iso(effective));
            var previous = Neighbour(previousAddressPoint, address, day, ticks, id, AddressPointOf);
            var next = Neighbour(nextAddressPoint, address, day, ticks, id, AddressPointOf);
            Run(addressPoint, id, address, unit, day, ticks, dueOn is { } due ? Iso(due) : DBNull.Value);
            Deltas(Stocks.Inserted(previous, new StockPoint(unit, effective, DueOn: dueOn), next?.Day, Stocks.AddressSpan));
        }

        private static StockPoint AddressPointOf(SqliteDataReader r) =>
            new(r.GetString(1), Day(r), DueOn: r.IsDBNull(2) ? null : DateOnly.ParseExact(r.GetString(2), "yyyy-MM-dd", CultureInfo.InvariantCulture));

        private static DateOnly Day(SqliteDataReader r) => DateOnly.ParseExact(r.GetString(0), "yyyy-MM-dd", CultureInfo.InvariantCulture);

        public void Commendation(string unit, DateOnly on, string issuerCode, string formKind, string movement, string issuerKind, string issuerUnit,
            long collectives, long individuals, long cashVnd) =>
            Run(commendation, unit, Iso(on), issuerCode, formKind, movement, issuerKind, issuerUnit, collectives, individuals, cashVnd);

        public void Dispose()
        {
            cell.Dispose();
            point.Dispose();
            previousPoint.Dispose();
            nextPoint.Dispose();
            memberPoints.Dispose();
            profileOf.Dispose();
            profile.Dispose();
            previousAddressPoint.Dispose();
            nextAddressPoint.Dispose();
            stockDelta.Dispose();
            target.Dispose();
            addressPoint.Dispose();
            commendation.Dispose();
            foreach (var command in more.Values)
            {
                command.Dispose();
            }
        }

        public void Run(Statement statement, params object[] values) => Run(more[statement], values);

        /// <summary>Runs a statement and says how many rows it changed.</summary>
        public int Count(Statement statement, params object[] values)
        {
            var command = more[statement];
            for (var i = 0; i < values.Length; i++)
            {
                command.Parameters[i].Value = values[i];
            }

            return command.ExecuteNonQuery();
        }

        private static SqliteCommand Prepare(SqliteConnection connection, SqliteTransaction transaction, string sql, int parameters)
        {
            var command = connection.CreateCommand();
            command.Transaction = transaction;
            command.CommandText = sql;
            for (var i = 0; i < parameters; i++)
            {
                command.Parameters.Add("$p" + i, SqliteType.Text);
            }

            command.Prepare();
            return command;
        }

        private static string Iso(DateOnly date) => date.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);

        private static void Run(SqliteCommand command, params object[] values)
        {
            for (var i = 0; i < values.Length; i++)
            {
                command.Parameters[i].Value = values[i];
            }

            command.ExecuteNonQuery();
        }
    }
}
