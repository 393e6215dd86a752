using System.CommandLine;
using System.Globalization;
using RedCross.Contracts.Membership.V1;
using RedCross.Import;
using Spectre.Console;

namespace RedCross.Cli;

/// <summary>`rc members ...`: import and list members.</summary>
internal static class MembersCommands
{
    public static Command Create() => new("members", "Members of the units you may act in") { Import(), List() };

    private static Command Import()
    {
        var file = new Argument<FileInfo>("file") { Description = "CSV with a header (see README: encodings, separators, dates, limits)" };
        file.AcceptExistingOnly();
        var encoding = new Option<string?>("--encoding") { Description = "utf-8, utf-16, utf-16BE or windows-1258 (default: detected)" };
        var command = new Command("import", "Stream a CSV of members to the server, with a progress bar and a per-row error summary") { file, encoding };
        command.SetAction(async (args, ct) =>
        {
            var path = args.GetRequiredValue(file).FullName;
            var options = new ImportOptions
            {
                Columns = MemberRows.Columns,
                Encoding = args.GetValue(encoding) is { } name ? ImportEncodings.FromName(name) : null,
            };
            using var channel = Session.Load(args).Channel();
            var client = new Members.MembersClient(channel);
            return await FileImport.RunAsync(path, options, () => client.ImportMembers(cancellationToken: ct), MemberRows.ToImport,
                r => new ImportSummary(r.RowsReceived, r.Created, r.Duplicates, r.Failed, r.Errors.Select(e => new ImportError(e.RowNumber, e.Field, e.Reason))), ct);
        });
        return command;
    }

    private static Command List()
    {
        var org = new Option<string?>("--org") { Description = "Only this unit and its subtree" };
        var query = new Option<string?>("--query") { Description = "Words of the name; diacritics and case ignored" };
        var status = new Option<string?>("--status") { Description = "Only members in this status (active, lapsed, ...)" };
        var pageSize = new Option<int>("--page-size") { Description = "Members per page", DefaultValueFactory = _ => 50 };
        var pageToken = new Option<string?>("--page-token") { Description = "Continue from a page token printed by an earlier call" };
        var all = new Option<bool>("--all") { Description = "Follow every page" };
        var output = CommonOptions.Output();
        var command = new Command("list", "List members in Vietnamese name order, a page at a time") { org, query, status, pageSize, pageToken, all, output };
        command.SetAction(async (args, ct) =>
        {
            using var channel = Session.Load(args).Channel();
            var client = new Members.MembersClient(channel);
            var request = new ListMembersRequest
            {
                OrgUnit = args.GetValue(org) ?? string.Empty,
                Query = args.GetValue(query) ?? string.Empty,
                Status = args.GetValue(status) ?? string.Empty,
                PageSize = args.GetValue(pageSize),
                PageToken = args.GetValue(pageToken) ?? string.Empty,
            };
            var rows = new List<string[]>();
            string next;
            do
            {
                var page = await client.ListMembersAsync(request, cancellationToken: ct);
                rows.AddRange(page.Members.Select(m => new[] { m.FullName, m.BirthDate, m.OrgUnit, m.Status, m.Id }));
                next = request.PageToken = page.NextPageToken;
            }
            while (args.GetValue(all) && next.Length > 0);

            Output.Rows(
                args.GetValue(output),
                [("full_name", "Họ và tên / Name"), ("birth_date", "Ngày sinh / Born"), ("org_unit", "Đơn vị / Unit"), ("status", "Trạng thái / Status"), ("id", "Id")],
                rows);
            // On stderr, so JSON and CSV on stdout stay machine-readable.
            Console.Error.WriteLine(next.Length > 0
                ? string.Create(CultureInfo.InvariantCulture, $"{rows.Count} member(s) shown; more pages remain: add --all, or --page-token {next}")
                : string.Create(CultureInfo.InvariantCulture, $"{rows.Count} hội viên / member(s)."));
            return ExitCodes.Done;
        });
        return command;
    }
}
