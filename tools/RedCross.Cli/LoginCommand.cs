using System.CommandLine;
using RedCross.Contracts.Membership.V1;
using RedCross.ServiceDefaults.Security;
using Spectre.Console;

namespace RedCross.Cli;

/// <summary>`rc login`: mints a token with the local monolith's key and keeps it in the session.</summary>
internal static class LoginCommand
{
    public static Command Create()
    {
        var role = new Option<string>("--role") { Description = "The role the token carries", Required = true };
        role.AcceptOnlyFromAmong([.. Roles.All]);
        var org = new Option<string>("--org") { Description = "Code of the unit the token may act in (with its subtree)", Required = true };
        var hours = new Option<int>("--hours") { Description = "Hours the token is valid", DefaultValueFactory = _ => 8 };
        var name = new Option<string?>("--name") { Description = "Display name in the token (default: your user name)" };
        var command = new Command("login", "Mint a token with the local monolith's key and keep it for the next commands") { role, org, hours, name };
        command.SetAction(async (args, ct) =>
        {
            var session = Session.Load(args);
            var keyFile = LocalTokens.KeyFile(session.DataDirectory);
            if (!File.Exists(keyFile))
            {
                throw new UsageException($"No signing key at {keyFile}: start the monolith once (it creates the key), or point --data at its data folder.");
            }

            var key = LocalTokens.LoadOrCreateKey(keyFile);
            var code = args.GetRequiredValue(org);
            // Read-only over the whole tree for one minute: only to learn the unit's path, which the real token names.
            var lookup = LocalTokens.Mint(key, "rc-login", Roles.Viewer, "/", TimeSpan.FromMinutes(1));
            using var channel = session.Channel(lookup);
            var unit = await new OrgUnits.OrgUnitsClient(channel).GetOrgUnitAsync(new GetOrgUnitRequest { Code = code }, cancellationToken: ct);
            var roleName = args.GetRequiredValue(role);
            var validFor = args.GetValue(hours);
            var token = LocalTokens.Mint(key, Environment.UserName, roleName, unit.Path, TimeSpan.FromHours(validFor), name: args.GetValue(name) ?? Environment.UserName);
            new Session { DataDirectory = session.DataDirectory, Server = session.Server, Token = token }.Save();
            AnsiConsole.MarkupLineInterpolated($"Logged in as [bold]{roleName}[/] of [bold]{unit.Name}[/] ({unit.Path}) on {session.Server} for {validFor} h.");
            return ExitCodes.Done;
        });
        return command;
    }
}
