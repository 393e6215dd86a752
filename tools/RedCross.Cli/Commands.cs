using System.Globalization;
using RedCross.Contracts.Membership.V1;
using RedCross.Contracts.Reporting.V1;
using RedCross.ServiceDefaults.Security;
using Spectre.Console;

namespace RedCross.Cli;

/// <summary>The commands of `rc`.</summary>
internal static class Commands
{
    public static async Task<int> LoginAsync(Args args)
    {
        var role = args.Require("role");
        if (!Roles.All.Contains(role))
        {
            throw new UsageException($"--role must be one of {string.Join(", ", Roles.All)}.");
        }

        var code = args.Require("org");
        var session = Session.Load(args);
        var keyFile = LocalTokens.KeyFile(session.DataDirectory);
        if (!File.Exists(keyFile))
        {
            throw new UsageException($"No signing key at {keyFile}: start the monolith once (it creates the key), or point --data at its data folder.");
        }

        var key = LocalTokens.LoadOrCreateKey(keyFile);
        // A one-minute read-only token is enough to look the unit's path up; the real token is scoped to it.
        var lookup = LocalTokens.Mint(key, "rc-login", Roles.Viewer, code, TimeSpan.FromMinutes(1));
        using var channel = session.Channel(lookup);
        var unit = await new OrgUnits.OrgUnitsClient(channel).GetOrgUnitAsync(new GetOrgUnitRequest { Code = code });
        var hours = args.Int("hours", 8);
        var token = LocalTokens.Mint(key, Environment.UserName, role, unit.Path, TimeSpan.FromHours(hours), name: args["name"] ?? Environment.UserName);
        new Session { DataDirectory = session.DataDirectory, Server = session.Server, Token = token }.Save();
        AnsiConsole.MarkupLineInterpolated($"Logged in as [bold]{role}[/] of [bold]{unit.Name}[/] ({unit.Path}) on {session.Server} for {hours} h.");
        return 0;
    }

    public static async Task<int> ImportAsync(Args args, string file)
    {
        if (!File.Exists(file))
        {
            throw new UsageException($"No such file: {file}");
        }

        var session = Session.Load(args);
        using var channel = session.Channel();
        var client = new Members.MembersClient(channel);
        var localErrors = new List<ImportRowError>();
        ImportMembersResponse? result = null;
        await AnsiConsole.Progress().AutoClear(false).StartAsync(async progress =>
        {
            await using var stream = File.OpenRead(file);
            var task = progress.AddTask($"Importing {Path.GetFileName(file)}", maxValue: Math.Max(1, stream.Length));
            using var reader = new StreamReader(stream, detectEncodingFromByteOrderMarks: true);
            using var call = client.ImportMembers();
            await foreach (var row in MemberCsv.Rows(reader, localErrors))
            {
                await call.RequestStream.WriteAsync(row);
                task.Value = stream.Position;
            }

            await call.RequestStream.CompleteAsync();
            result = await call;
            task.Value = task.MaxValue;
        });

        var errors = localErrors.Concat(result!.Errors).OrderBy(e => e.RowNumber).ToList();
        var failed = result.Failed + localErrors.Select(e => e.RowNumber).Distinct().Count();
        AnsiConsole.MarkupLineInterpolated(
            $"Rows read: {result.RowsReceived + localErrors.Select(e => e.RowNumber).Distinct().Count()}   created: [green]{result.Created}[/]   already there: {result.Duplicates}   refused: [red]{failed}[/]");
        if (errors.Count > 0)
        {
            Output.Table(["Dòng / Row", "Trường / Field", "Lý do / Reason"], errors.Select(e => new[] { e.RowNumber.ToString(CultureInfo.InvariantCulture), e.Field, e.Reason }));
        }

        return failed > 0 ? 3 : 0;
    }

    public static async Task<int> ListAsync(Args args)
    {
        var session = Session.Load(args);
        using var channel = session.Channel();
        var client = new Members.MembersClient(channel);
        var request = new ListMembersRequest
        {
            OrgUnit = args["org"] ?? string.Empty,
            Query = args["query"] ?? string.Empty,
            Status = args["status"] ?? string.Empty,
            PageSize = args.Int("page-size", 50),
        };
        var rows = new List<string[]>();
        do
        {
            var page = await client.ListMembersAsync(request);
            rows.AddRange(page.Members.Select(m => new[] { m.FullName, m.BirthDate, m.OrgUnit, m.Status, m.Id }));
            request.PageToken = args["all"] is null ? string.Empty : page.NextPageToken;
        }
        while (request.PageToken.Length > 0);

        Output.Table(["Họ và tên / Name", "Ngày sinh / Born", "Đơn vị / Unit", "Trạng thái / Status", "Id"], rows);
        AnsiConsole.MarkupLineInterpolated($"{rows.Count} hội viên / member(s).");
        return 0;
    }

    public static async Task<int> AnnualReportAsync(Args args)
    {
        var session = Session.Load(args);
        using var channel = session.Channel();
        var year = args.Int("year", 0);
        var report = await new Reporting.ReportingClient(channel).GetAnnualReportAsync(new GetAnnualReportRequest { OrgUnit = args.Require("org"), Year = year });
        AnsiConsole.MarkupLineInterpolated($"[bold]{report.TitleVi}[/]");
        AnsiConsole.MarkupLineInterpolated($"{report.TitleEn}");
        AnsiConsole.MarkupLineInterpolated($"{report.OrgUnitName} ({report.OrgUnit})");
        Output.Table(
            ["Chỉ tiêu / Indicator", "Giá trị / Value", "Mã / Code"],
            report.Indicators.Select(i => new[] { $"{i.LabelVi} / {i.LabelEn}", i.Value.ToString("N0", CultureInfo.GetCultureInfo("vi-VN")), i.Code }));
        return 0;
    }

    public static async Task<int> RebuildAsync(Args args)
    {
        var session = Session.Load(args);
        using var channel = session.Channel();
        var result = await AnsiConsole.Status().StartAsync("Rebuilding reporting projections…", async _ =>
            await new ReportingAdmin.ReportingAdminClient(channel).RebuildProjectionsAsync(new RebuildProjectionsRequest(), deadline: DateTime.UtcNow.AddHours(1)));
        AnsiConsole.MarkupLineInterpolated($"Replayed {result.EventsReplayed} events; membership log position {result.Positions.GetValueOrDefault("membership")}.");
        return 0;
    }
}
