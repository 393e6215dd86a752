using System.CommandLine;
using System.Globalization;
using RedCross.Contracts.Common.V1;
using RedCross.Contracts.Membership.V1;
using RedCross.Contracts.Reporting.V1;
using Spectre.Console;

namespace RedCross.Cli;

/// <summary>`rc admin ...`: operators' commands (province admin). Add a command here as another
/// private factory and list it in <see cref="Create"/>.</summary>
internal static class AdminCommands
{
    public static Command Create() => new("admin", "Operators' commands (province_admin)")
    {
        RebuildReports(), CatchUp(), Status(), Parked(), Outbox(), Audit(),
    };

    private static Command RebuildReports()
    {
        var source = new Option<string?>("--source") { Description = "Rebuild one source only (membership, ...); default: every source" };
        var command = new Command("rebuild-reports", "Replay the sources' event logs into reporting, in one transaction (writes go on meanwhile)") { source };
        command.SetAction(async (args, ct) =>
        {
            using var channel = Session.Load(args).Channel();
            var result = await AnsiConsole.Status().StartAsync("Rebuilding reporting projections…", async _ =>
                await new ReportingAdmin.ReportingAdminClient(channel).RebuildProjectionsAsync(
                    new RebuildProjectionsRequest { Source = args.GetValue(source) ?? string.Empty }, deadline: DateTime.UtcNow.AddHours(1), cancellationToken: ct));
            AnsiConsole.MarkupLineInterpolated($"Replayed {result.EventsReplayed} events; log positions reached: {Positions(result.Positions)}.");
            return ExitCodes.Done;
        });
        return command;
    }

    private static Command CatchUp()
    {
        var command = new Command("catch-up", "Read every source's log from reporting's checkpoint now (it also runs on a timer)");
        command.SetAction(async (args, ct) =>
        {
            using var channel = Session.Load(args).Channel();
            var result = await new ReportingAdmin.ReportingAdminClient(channel).CatchUpAsync(new CatchUpRequest(), deadline: DateTime.UtcNow.AddHours(1), cancellationToken: ct);
            AnsiConsole.MarkupLineInterpolated($"Applied {result.EventsApplied} events the bus had not delivered and {result.ParkedApplied} parked ones; checkpoints: {Positions(result.Positions)}.");
            return ExitCodes.Done;
        });
        return command;
    }

    private static Command Status()
    {
        var output = CommonOptions.Output();
        var command = new Command("status", "Per source: reporting's checkpoint, how far behind the log it is, parked events") { output };
        command.SetAction(async (args, ct) =>
        {
            using var channel = Session.Load(args).Channel();
            var status = await new ReportingAdmin.ReportingAdminClient(channel).GetProjectionStatusAsync(new GetProjectionStatusRequest(), cancellationToken: ct);
            Output.Rows(args.GetValue(output),
                [("source", "Source"), ("checkpoint", "Checkpoint"), ("head", "Log head"), ("behind", "Behind"), ("oldest_unapplied_s", "Oldest unapplied (s)"),
                 ("parked", "Parked"), ("last_caught_up", "Last caught up"), ("last_error", "Last error")],
                [.. status.Sources.Select(s => new[]
                {
                    s.Source, Text(s.Checkpoint), Text(s.HeadPosition), Text(s.PositionsBehind), s.OldestUnappliedAgeSeconds.ToString("0.#", CultureInfo.InvariantCulture),
                    Text(s.ParkedEvents), s.LastCaughtUpAt?.ToDateTimeOffset().ToString("u", CultureInfo.InvariantCulture) ?? "never", s.LastError,
                })]);
            return ExitCodes.Done;
        });
        return command;
    }

    private static Command Parked()
    {
        var output = CommonOptions.Output();
        var command = new Command("parked", "Events reporting could not apply, with the reason; each is retried at every catch-up") { output };
        command.SetAction(async (args, ct) =>
        {
            using var channel = Session.Load(args).Channel();
            var client = new ReportingAdmin.ReportingAdminClient(channel);
            var rows = new List<string[]>();
            var token = string.Empty;
            do
            {
                var page = await client.ListParkedEventsAsync(new ListParkedEventsRequest { PageSize = 500, PageToken = token }, cancellationToken: ct);
                rows.AddRange(page.ParkedEvents.Select(p => new[]
                {
                    p.Source, Text(p.Position), p.EventId, p.EventType, p.ParkedAt.ToDateTimeOffset().ToString("u", CultureInfo.InvariantCulture), Text(p.Attempts), p.Reason,
                }));
                token = page.NextPageToken;
            }
            while (token.Length > 0);

            Output.Rows(args.GetValue(output),
                [("source", "Source"), ("position", "Position"), ("event_id", "Event"), ("type", "Type"), ("parked_at", "Parked at"), ("attempts", "Attempts"), ("reason", "Reason")], rows);
            return ExitCodes.Done;
        });
        return command;
    }

    private static Command Outbox()
    {
        var output = CommonOptions.Output();
        var retry = new Option<string?>("--retry") { Description = "Clear the flag of MODULE's flagged rows so the relay tries them again" };
        var command = new Command("outbox", "The outboxes of the server's modules: backlog, its age, rows flagged as unpublishable") { output, retry };
        command.SetAction(async (args, ct) =>
        {
            using var channel = Session.Load(args).Channel();
            var client = new OutboxAdmin.OutboxAdminClient(channel);
            if (args.GetValue(retry) is { } module)
            {
                var retried = await client.RetryOutboxRowsAsync(new RetryOutboxRowsRequest { Module = module }, cancellationToken: ct);
                AnsiConsole.MarkupLineInterpolated($"{retried.Rows} flagged rows of {module} will be published again.");
                return ExitCodes.Done;
            }

            var status = await client.GetOutboxStatusAsync(new GetOutboxStatusRequest(), cancellationToken: ct);
            Output.Rows(args.GetValue(output),
                [("module", "Module"), ("head", "Log head"), ("pending", "Pending"), ("oldest_pending_s", "Oldest pending (s)"), ("flagged", "Flagged")],
                [.. status.Outboxes.Select(o => new[] { o.Module, Text(o.HeadPosition), Text(o.Pending), o.OldestPendingAgeSeconds.ToString("0.#", CultureInfo.InvariantCulture), Text(o.Flagged) })]);
            var flagged = await client.ListFlaggedOutboxRowsAsync(new ListFlaggedOutboxRowsRequest { PageSize = 1000 }, cancellationToken: ct);
            if (flagged.Rows.Count > 0)
            {
                Console.Error.WriteLine($"{flagged.Rows.Count} flagged rows (retry with --retry MODULE once their cause is fixed):");
                Output.Rows(args.GetValue(output),
                    [("module", "Module"), ("position", "Position"), ("event_id", "Event"), ("type", "Type"), ("attempts", "Attempts"), ("last_error", "Last error")],
                    [.. flagged.Rows.Select(r => new[] { r.Module, Text(r.Position), r.EventId, r.EventType, Text(r.Attempts), r.LastError })]);
            }

            return ExitCodes.Done;
        });
        return command;
    }

    private static Command Audit()
    {
        var output = CommonOptions.Output();
        var member = new Option<string>("--member") { Description = "The member's id" };
        var beneficiary = new Option<string>("--beneficiary") { Description = "The beneficiary's id (relief)" };
        var command = new Command("audit", "Who read or changed a member's or a beneficiary's record, when, through which call, which fields (Decree 13/2023)")
        {
            member, beneficiary, output,
        };
        command.Validators.Add(r =>
        {
            if ((r.GetValue(member) is null) == (r.GetValue(beneficiary) is null))
            {
                r.AddError("Give either --member or --beneficiary.");
            }
        });
        command.SetAction(async (args, ct) =>
        {
            using var channel = Session.Load(args).Channel();
            static string[] Row(Google.Protobuf.WellKnownTypes.Timestamp at, string subject, string role, string method, string action, IEnumerable<string> fields) =>
                [at.ToDateTimeOffset().ToString("u", CultureInfo.InvariantCulture), subject, role, method, action, string.Join(' ', fields)];

            // Both services page the same shared trail; only the id field differs.
            Func<string, Task<(IEnumerable<string[]> Rows, string Next)>> next = args.GetValue(member) is { } memberId
                ? async token =>
                {
                    var page = await new MemberAudit.MemberAuditClient(channel).ListAuditEntriesAsync(
                        new ListAuditEntriesRequest { MemberId = memberId, PageSize = 500, PageToken = token }, cancellationToken: ct);
                    return (page.AuditEntries.Select(e => Row(e.At, e.Subject, e.Role, e.Method, e.Action, e.Fields)), page.NextPageToken);
                }
                : async token =>
                {
                    var page = await new Contracts.Relief.V1.BeneficiaryAudit.BeneficiaryAuditClient(channel).ListAuditEntriesAsync(
                        new Contracts.Relief.V1.ListAuditEntriesRequest { BeneficiaryId = args.GetRequiredValue(beneficiary), PageSize = 500, PageToken = token },
                        cancellationToken: ct);
                    return (page.AuditEntries.Select(e => Row(e.At, e.Subject, e.Role, e.Method, e.Action, e.Fields)), page.NextPageToken);
                };
            var rows = new List<string[]>();
            var token = string.Empty;
            do
            {
                var (page, nextToken) = await next(token);
                rows.AddRange(page);
                token = nextToken;
            }
            while (token.Length > 0);

            Output.Rows(args.GetValue(output),
                [("at", "Lúc / At"), ("subject", "Ai / Who"), ("role", "Vai trò / Role"), ("method", "Lệnh / Call"), ("action", "Việc / Action"), ("fields", "Trường / Fields")], rows);
            return ExitCodes.Done;
        });
        return command;
    }

    private static string Text(long value) => value.ToString(CultureInfo.InvariantCulture);

    private static string Positions(IDictionary<string, long> positions) =>
        positions.Count == 0 ? "none" : string.Join(", ", positions.Select(p => $"{p.Key} {p.Value}"));
}
