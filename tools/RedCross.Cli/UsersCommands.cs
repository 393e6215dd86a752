using System.CommandLine;
using RedCross.Contracts.Identity.V1;
using RedCross.Contracts.Membership.V1;
using RedCross.ServiceDefaults.Security;
using Spectre.Console;

namespace RedCross.Cli;

/// <summary>`rc users ...`: people's accounts (province_admin), and `setup` for the first one with the code the
/// identity printed at its first start. Passwords are asked without echo, or read from stdin with --password-stdin.</summary>
internal static class UsersCommands
{
    private static readonly string[] PeopleRoles = [Roles.ProvinceAdmin, Roles.DistrictOfficer, Roles.BranchOfficer, Roles.Viewer];

    public static Command Create() => new("users", "People's accounts (province_admin); `setup` makes the first one")
    {
        Setup(), Add(), List(), Disable(), ResetPassword(),
    };

    private static Option<bool> PasswordStdin() => new("--password-stdin") { Description = "Read the password from the first line of stdin instead of asking" };

    private static Command Setup()
    {
        var code = new Option<string>("--code") { Description = "The one-time setup code the identity printed", Required = true };
        var username = new Option<string>("--username") { Description = "Sign-in name of the first province admin", Required = true };
        var name = new Option<string>("--name") { Description = "Name shown", Required = true };
        var org = new Option<string>("--org") { Description = "Code of the province (e.g. 06), or / for the whole tree", Required = true };
        var stdin = PasswordStdin();
        var command = new Command("setup", "Create the first province admin of an empty deployment with the setup code (no login needed)") { code, username, name, org, stdin };
        command.SetAction(async (args, ct) =>
        {
            using var channel = Session.Load(args).AnonymousChannel();
            var account = await new Accounts.AccountsClient(channel).CreateFirstAdminAsync(new CreateFirstAdminRequest
            {
                SetupCode = args.GetRequiredValue(code),
                Username = args.GetRequiredValue(username),
                DisplayName = args.GetRequiredValue(name),
                OrgPath = args.GetRequiredValue(org),
                Password = Password(args.GetValue(stdin)),
            }, cancellationToken: ct);
            AnsiConsole.MarkupLineInterpolated($"Province admin [bold]{account.Username}[/] ({account.OrgPath}) created: sign in with `rc login`.");
            return ExitCodes.Done;
        });
        return command;
    }

    private static Command Add()
    {
        var username = new Argument<string>("username") { Description = "Sign-in name: lower-case letters, digits, '.', '_' or '-'" };
        var name = new Option<string>("--name") { Description = "Name shown", Required = true };
        var role = new Option<string>("--role") { Description = string.Join(", ", PeopleRoles), Required = true };
        role.AcceptOnlyFromAmong(PeopleRoles);
        var org = new Option<string>("--org") { Description = "Code of the unit the person acts in (with its subtree)", Required = true };
        var stdin = PasswordStdin();
        var command = new Command("add", "Create an account with an initial password to hand over out of band") { username, name, role, org, stdin };
        command.SetAction(async (args, ct) =>
        {
            using var channel = Session.Load(args).Channel();
            var unit = await new OrgUnits.OrgUnitsClient(channel).GetOrgUnitAsync(new GetOrgUnitRequest { Code = args.GetRequiredValue(org) }, cancellationToken: ct);
            var account = await new Accounts.AccountsClient(channel).CreateAccountAsync(new CreateAccountRequest
            {
                Username = args.GetRequiredValue(username),
                DisplayName = args.GetRequiredValue(name),
                Role = args.GetRequiredValue(role),
                OrgPath = unit.Path,
                Password = Password(args.GetValue(stdin)),
            }, cancellationToken: ct);
            AnsiConsole.MarkupLineInterpolated($"Account [bold]{account.Username}[/] ({account.Role}, {unit.Name} {unit.Path}) created.");
            return ExitCodes.Done;
        });
        return command;
    }

    private static Command List()
    {
        var output = CommonOptions.Output();
        var command = new Command("list", "List the accounts of your subtree, disabled ones included") { output };
        command.SetAction(async (args, ct) =>
        {
            using var channel = Session.Load(args).Channel();
            var accounts = new Accounts.AccountsClient(channel);
            var request = new ListAccountsRequest { PageSize = 1000 };
            var rows = new List<string[]>();
            do
            {
                var page = await accounts.ListAccountsAsync(request, cancellationToken: ct);
                rows.AddRange(page.Accounts.Select(a => new[]
                {
                    a.Username, a.DisplayName, a.Role, a.OrgPath, Output.Iso(a.CreateTime), Output.Iso(a.DisableTime), Output.Iso(a.LockedUntil),
                }));
                request.PageToken = page.NextPageToken;
            }
            while (request.PageToken.Length > 0);

            Output.Rows(
                args.GetValue(output),
                [("username", "Tên đăng nhập / Username"), ("name", "Họ tên / Name"), ("role", "Vai trò / Role"), ("org_path", "Đơn vị / Unit"),
                 ("created", "Tạo lúc / Created"), ("disabled", "Vô hiệu / Disabled"), ("locked_until", "Khóa đến / Locked until")],
                rows);
            return ExitCodes.Done;
        });
        return command;
    }

    private static Command Disable()
    {
        var username = new Argument<string>("username") { Description = "The account's username" };
        var command = new Command("disable", "Disable an account: no sign-in, its refresh tokens stop; issued access tokens expire within 15 minutes") { username };
        command.SetAction(async (args, ct) =>
        {
            using var channel = Session.Load(args).Channel();
            var account = await new Accounts.AccountsClient(channel).DisableAccountAsync(new DisableAccountRequest { Username = args.GetRequiredValue(username) }, cancellationToken: ct);
            AnsiConsole.MarkupLineInterpolated($"Account [bold]{account.Username}[/] disabled at {Output.Iso(account.DisableTime)}.");
            return ExitCodes.Done;
        });
        return command;
    }

    private static Command ResetPassword()
    {
        var username = new Argument<string>("username") { Description = "The account's username" };
        var stdin = PasswordStdin();
        var command = new Command("reset-password", "Set a new password (and lift a lockout)") { username, stdin };
        command.SetAction(async (args, ct) =>
        {
            using var channel = Session.Load(args).Channel();
            var account = await new Accounts.AccountsClient(channel).ResetPasswordAsync(new ResetPasswordRequest
            {
                Username = args.GetRequiredValue(username),
                NewPassword = Password(args.GetValue(stdin)),
            }, cancellationToken: ct);
            AnsiConsole.MarkupLineInterpolated($"Password of [bold]{account.Username}[/] set.");
            return ExitCodes.Done;
        });
        return command;
    }

    private static string Password(bool fromStdin)
    {
        if (fromStdin)
        {
            return Console.In.ReadLine() ?? throw new UsageException("--password-stdin: stdin was empty.");
        }

        if (Console.IsInputRedirected)
        {
            throw new UsageException("No terminal to ask the password on: give --password-stdin and the password on stdin.");
        }

        return AnsiConsole.Prompt(new TextPrompt<string>("Mật khẩu / Password:").Secret());
    }
}
