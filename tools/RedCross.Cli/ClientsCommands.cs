using System.CommandLine;
using RedCross.Contracts.Identity.V1;
using RedCross.Contracts.Membership.V1;
using RedCross.ServiceDefaults.Security;
using Spectre.Console;

namespace RedCross.Cli;

/// <summary>`rc clients ...`: OAuth clients for partners and services (province_admin). They get tokens from
/// `/connect/token` with the client-credentials grant.</summary>
internal static class ClientsCommands
{
    public static Command Create() => new("clients", "OAuth clients of partners and services (province_admin)") { Add(), List(), Revoke() };

    private static Command Add()
    {
        var name = new Argument<string>("name") { Description = "Unique name: lower-case letters, digits, '.', '_' or '-'" };
        var role = new Option<string>("--role") { Description = "partner or service", Required = true };
        role.AcceptOnlyFromAmong(Roles.Partner, Roles.Service);
        var org = new Option<string>("--org") { Description = "Code of the unit the client may act in (with its subtree)", Required = true };
        var scopes = new Option<string[]>("--scope") { Description = "membership.read, membership.write, events.read, relief.read, relief.write, campaign.read, campaign.write, reports.read (repeat or list several)", Required = true, AllowMultipleArgumentsPerToken = true };
        var command = new Command("add", "Register a client; prints its id and secret once (the server keeps only a hash)") { name, role, org, scopes };
        command.SetAction(async (args, ct) =>
        {
            using var channel = Session.Load(args).Channel();
            var unit = await new OrgUnits.OrgUnitsClient(channel).GetOrgUnitAsync(new GetOrgUnitRequest { Code = args.GetRequiredValue(org) }, cancellationToken: ct);
            var created = await new Clients.ClientsClient(channel).CreateClientAsync(new CreateClientRequest
            {
                Name = args.GetRequiredValue(name),
                Role = args.GetRequiredValue(role),
                OrgPath = unit.Path,
                Scopes = { args.GetRequiredValue(scopes) },
            }, cancellationToken: ct);
            // Plain lines on stdout, so a script can capture them; the warning goes to stderr.
            Console.WriteLine($"client_id: {created.Client.ClientId}");
            Console.WriteLine($"client_secret: {created.ClientSecret}");
            Console.Error.WriteLine($"Client '{created.Client.Name}' ({created.Client.Role}, {unit.Name} {unit.Path}, {string.Join(' ', created.Client.Scopes)}). "
                + "The secret is shown this once: hand it over now; it cannot be read again.");
            return ExitCodes.Done;
        });
        return command;
    }

    private static Command List()
    {
        var output = CommonOptions.Output();
        var command = new Command("list", "List the clients of your subtree, revoked ones included") { output };
        command.SetAction(async (args, ct) =>
        {
            using var channel = Session.Load(args).Channel();
            var client = new Clients.ClientsClient(channel);
            var request = new ListClientsRequest { PageSize = 1000 };
            var rows = new List<string[]>();
            do
            {
                var page = await client.ListClientsAsync(request, cancellationToken: ct);
                rows.AddRange(page.Clients.Select(c => new[]
                {
                    c.Name, c.ClientId, c.Role, c.OrgPath, string.Join(' ', c.Scopes), Output.Iso(c.CreateTime), Output.Iso(c.RevokeTime),
                }));
                request.PageToken = page.NextPageToken;
            }
            while (request.PageToken.Length > 0);

            Output.Rows(
                args.GetValue(output),
                [("name", "Tên / Name"), ("client_id", "Client id"), ("role", "Vai trò / Role"), ("org_path", "Đơn vị / Unit"),
                 ("scopes", "Phạm vi / Scopes"), ("created", "Tạo lúc / Created"), ("revoked", "Thu hồi / Revoked")],
                rows);
            return ExitCodes.Done;
        });
        return command;
    }

    private static Command Revoke()
    {
        var name = new Argument<string>("name") { Description = "Name of the client" };
        var command = new Command("revoke", "Revoke a client: no new token; tokens already issued expire within 15 minutes") { name };
        command.SetAction(async (args, ct) =>
        {
            using var channel = Session.Load(args).Channel();
            var revoked = await new Clients.ClientsClient(channel).RevokeClientAsync(new RevokeClientRequest { Name = args.GetRequiredValue(name) }, cancellationToken: ct);
            AnsiConsole.MarkupLineInterpolated($"Client [bold]{revoked.Name}[/] revoked at {Output.Iso(revoked.RevokeTime)}.");
            return ExitCodes.Done;
        });
        return command;
    }
}
