using System.CommandLine;
using RedCross.Contracts.Membership.V1;
using RedCross.ServiceDefaults.Security;
using Spectre.Console;

namespace RedCross.Cli;

/// <summary>`rc login --role`: signs a token with the embedded identity's own key, read from the data folder of a
/// monolith on this machine (whoever holds that folder holds the keys), and keeps it in the session. A deployment
/// whose identity runs elsewhere holds its keys there: this command cannot reach them.</summary>
internal static class LoginCommand
{
    /// <summary>A working day; a longer-lived token is a longer-lived theft.</summary>
    public const int MaxHours = 12;

    public static Command Create()
    {
        var role = new Option<string>("--role") { Description = "The role the token carries", Required = true };
        role.AcceptOnlyFromAmong([.. Roles.All]);
        var org = new Option<string>("--org") { Description = "Code of the unit the token may act in (with its subtree)", Required = true };
        var hours = new Option<int>("--hours") { Description = $"Hours the token is valid (1 to {MaxHours})", DefaultValueFactory = _ => 8 };
        hours.Validators.Add(r =>
        {
            if (r.GetValueOrDefault<int>() is < 1 or > MaxHours)
            {
                r.AddError($"--hours must be between 1 and {MaxHours}.");
            }
        });
        var name = new Option<string?>("--name") { Description = "Display name in the token (default: your user name)" };
        var command = new Command("login", "Sign a token with the identity key of a monolith's data folder on this machine and keep it for the next commands") { role, org, hours, name };
        command.SetAction(async (args, ct) =>
        {
            var session = Session.Load(args);
            var folder = IdentityKeys.DefaultFolder(session.DataDirectory);
            if (!IdentityKeys.ExistIn(folder))
            {
                throw new UsageException($"No identity keys in {folder}: `rc login --role` works only beside an embedded deployment's data folder. "
                    + "Start the monolith once (it makes the keys), or point --data at its data folder.");
            }

            var keys = IdentityKeys.Open(folder);
            var code = args.GetRequiredValue(org);
            // Read-only over the whole tree for one minute: only to learn the unit's path, which the real token names.
            var lookup = keys.Mint("rc-login", Roles.Viewer, "/", TimeSpan.FromMinutes(1));
            using var channel = session.Channel(lookup);
            var unit = await new OrgUnits.OrgUnitsClient(channel).GetOrgUnitAsync(new GetOrgUnitRequest { Code = code }, cancellationToken: ct);
            var roleName = args.GetRequiredValue(role);
            var validFor = args.GetValue(hours);
            var token = keys.Mint(Environment.UserName, roleName, unit.Path, TimeSpan.FromHours(validFor), name: args.GetValue(name) ?? Environment.UserName);
            new Session { DataDirectory = session.DataDirectory, Server = session.Server, Token = token }.Save();
            AnsiConsole.MarkupLineInterpolated($"Logged in as [bold]{roleName}[/] of [bold]{unit.Name}[/] ({unit.Path}) on {session.Server} for {validFor} h.");
            return ExitCodes.Done;
        });
        return command;
    }
}
