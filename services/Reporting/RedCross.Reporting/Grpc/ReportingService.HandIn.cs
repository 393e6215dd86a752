using Grpc.Core;
using RedCross.Contracts.Reporting.V1;
using RedCross.Messaging;
using RedCross.Reporting.Data;
using RedCross.Reporting.Domain;
using RedCross.Reporting.Reports;
using RedCross.ServiceDefaults.Errors;
using RedCross.ServiceDefaults.Security;

namespace RedCross.Reporting.Grpc;

/// <summary>Notes and hand-in: written by the same people as the directions (write reports, in their subtree).</summary>
internal sealed partial class ReportingService
{
    private const int MaxNoteLength = 5_000;

    public override async Task<ReportNote> SetAnnualReportNote(SetAnnualReportNoteRequest request, ServerCallContext context)
    {
        var caller = Caller.From(context);
        caller.EnsureCan(Permission.WriteReports);
        var input = new Input(clock.VietnamToday());
        Year(input, request.Year);
        input.Text("org_unit", request.OrgUnit, 20);
        var section = (request.Section ?? string.Empty).Trim();
        if (!NoteSections.IsKnown(section))
        {
            input.Fail("section", "must be one of " + string.Join(", ", NoteSections.Sections) + ", or " +
                string.Join(", ", Difficulties.Codes.Select(NoteSections.ForDifficulty)));
        }

        var text = StaffTextOf(input, request.Text, MaxNoteLength);
        input.ThrowIfInvalid();

        var unit = await VisibleUnitAsync(request.OrgUnit, context);
        var now = clock.GetUtcNow();
        var note = new ReportNoteText { OrgUnitCode = unit.Code, Year = request.Year, Section = section, Text = text, UpdatedAt = now, UpdatedBy = caller.Subject };
        await db.WriteAsync(async (db, ct) =>
        {
            var saved = await db.Notes.FindAsync([unit.Code, request.Year, section], ct);
            if (saved is not null)
            {
                db.Notes.Remove(saved);
            }

            // An empty text clears the note: no row, rather than an empty one shown as a blank paragraph.
            if (text.Length > 0)
            {
                db.Notes.Add(note);
            }

            return true;
        }, context.CancellationToken);
        return HandIns.ToProto(note);
    }

    public override async Task<AnnualReportIssue> IssueAnnualReport(IssueAnnualReportRequest request, ServerCallContext context)
    {
        var caller = Caller.From(context);
        caller.EnsureCan(Permission.WriteReports);
        var input = new Input(clock.VietnamToday());
        // A report is issued for a year that has begun, never ahead.
        input.Range("year", request.Year, FirstYear, input.Today.Year);
        input.Text("org_unit", request.OrgUnit, 20);
        var number = input.Text("number", request.Number, 30);
        if (number is not null && number.Contains('/', StringComparison.Ordinal))
        {
            input.Fail("number", "is the register's number only (\"12\"): the form adds \"/BC-…\"");
        }

        var issuedOn = input.NotFuture("issued_on", input.Date("issued_on", request.IssuedOn, input.Today));
        if (issuedOn is { } on && request.Year >= FirstYear && request.Year <= input.Today.Year && on.Year < request.Year)
        {
            input.Fail("issued_on", $"must not be before the report's year ({request.Year})");
        }

        var signerName = input.Text("signer_name", request.SignerName, 100);
        var signerTitle = input.Text("signer_title", request.SignerTitle, 100);
        input.ThrowIfInvalid();

        var unit = await VisibleUnitAsync(request.OrgUnit, context);
        return await new HandIns(db).IssueAsync(unit, request.Year, new IssueDetails(number!, issuedOn!.Value, signerName!, signerTitle!),
            caller.Subject, clock.GetUtcNow(), context.CancellationToken);
    }

    public override async Task<ListAnnualReportHandInsResponse> ListAnnualReportHandIns(ListAnnualReportHandInsRequest request, ServerCallContext context)
    {
        EnsureCanRead(context);
        var input = new Input(clock.VietnamToday());
        Year(input, request.Year);
        input.Text("org_unit", request.OrgUnit, 20);
        input.ThrowIfInvalid();

        var unit = await VisibleUnitAsync(request.OrgUnit, context);
        return new ListAnnualReportHandInsResponse { HandIns = { await new HandIns(db).ListAsync(unit, request.Year, context.CancellationToken) } };
    }
}
