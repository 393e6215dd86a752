using System.CommandLine;
using Microsoft.IdentityModel.JsonWebTokens;
using RedCross.Contracts.Membership.V1;
using RedCross.ServiceDefaults.Security;
using Spectre.Console;

namespace RedCross.Cli;

/// <summary>`rc login`: a person signs in at the deployment's identity by device authorization (RFC 8628: a code to
/// enter on a page, with their own username and password), and `rc` keeps the access and refresh tokens in its session.
/// `rc login --role ROLE --org CODE` instead signs a token with the identity key of a monolith's data folder on this
/// machine (whoever holds that folder holds the keys); it cannot reach the keys of an identity running elsewhere.</summary>
internal static class LoginCommand
{
    /// <summary>A working day; a longer-lived token is a longer-lived theft.</summary>
    public const int MaxHours = 12;

    public static Command Create()
    {
        var role = new Option<string?>("--role") { Description = "Beside a monolith only: sign a token for this role with the local identity key" };
        role.AcceptOnlyFromAmong([.. Roles.All]);
        var org = new Option<string?>("--org") { Description = "With --role: code of the unit the token may act in (with its subtree)" };
        var hours = new Option<int>("--hours") { Description = $"With --role: hours the token is valid (1 to {MaxHours})", DefaultValueFactory = _ => 8 };
        hours.Validators.Add(r =>
        {
            if (r.GetValueOrDefault<int>() is < 1 or > MaxHours)
            {
                r.AddError($"--hours must be between 1 and {MaxHours}.");
            }
        });
        var name = new Option<string?>("--name") { Description = "With --role: display name in the token (default: your user name)" };
        var identity = new Option<string?>("--identity")
        {
            Description = "HTTP address of the identity's sign-in (default: --server's host, its port less one: 8081 → 8080, 5081 → 5080)",
        };
        var command = new Command("login", "Sign in at the deployment's identity with your account (prints a code and a page to enter it on), or with --role beside a monolith")
        {
            role, org, hours, name, identity,
        };
        command.Validators.Add(r =>
        {
            if (r.GetValue(role) is not null && r.GetValue(org) is null)
            {
                r.AddError("--role needs --org.");
            }
        });
        command.SetAction(async (args, ct) => args.GetValue(role) is { } chosen
            ? await LocalAsync(args, chosen, args.GetRequiredValue(org)!, args.GetValue(hours), args.GetValue(name), ct)
            : await DeviceAsync(args, args.GetValue(identity), ct));
        return command;
    }

    private static async Task<int> DeviceAsync(ParseResult args, string? identityAddress, CancellationToken ct)
    {
        var session = Session.Load(args);
        var identityUri = IdentityOf(session.Server, identityAddress);
        using var identity = new IdentityHttp(identityUri);
        var device = await identity.StartDeviceAsync(ct);
        // Plain lines, never wrapped: the code and the address are copied by hand or read by scripts.
        Console.WriteLine($"Mở / Open {device.VerificationUri} và nhập mã / and enter the code {device.UserCode}");
        if (device.VerificationUriComplete is { } complete)
        {
            Console.WriteLine($"(hoặc mở / or open {complete})");
        }

        Console.Error.WriteLine("Đang chờ đăng nhập... / Waiting for the sign-in...");
        var interval = TimeSpan.FromSeconds(device.Interval ?? 5);
        var deadline = DateTime.UtcNow.AddSeconds(device.ExpiresIn);
        while (DateTime.UtcNow < deadline)
        {
            await Task.Delay(interval, ct);
            var answer = await identity.PollDeviceAsync(device.DeviceCode, ct);
            switch (answer.Error)
            {
                case null when answer.AccessToken is { } token:
                    Session.SignedIn(session.DataDirectory, session.Server, token, answer.RefreshToken, identityUri.ToString()).Save();
                    var jwt = new JsonWebToken(token);
                    AnsiConsole.MarkupLineInterpolated(
                        $"Đã đăng nhập / Logged in as [bold]{Claim(jwt, CallerClaims.Name)}[/] ({Claim(jwt, CallerClaims.Role)}, {Claim(jwt, CallerClaims.Org)}) on {session.Server}.");
                    return ExitCodes.Done;
                case "authorization_pending":
                    continue;
                case "slow_down":
                    interval += TimeSpan.FromSeconds(5);
                    continue;
                default:
                    Console.Error.WriteLine($"Sign-in refused: {answer.Error} {answer.ErrorDescription}");
                    return ExitCodes.RefusedByServer;
            }
        }

        Console.Error.WriteLine("The code expired before anyone signed in: run `rc login` again.");
        return ExitCodes.RefusedByServer;
    }

    private static async Task<int> LocalAsync(ParseResult args, string roleName, string code, int validFor, string? displayName, CancellationToken ct)
    {
        var session = Session.Load(args);
        var folder = IdentityKeys.DefaultFolder(session.DataDirectory);
        if (!IdentityKeys.ExistIn(folder))
        {
            throw new UsageException($"No identity keys in {folder}: `rc login --role` works only beside an embedded deployment's data folder. "
                + "Start the monolith once (it makes the keys), point --data at its data folder, or sign in with `rc login --server URL`.");
        }

        var keys = IdentityKeys.Open(folder);
        // Read-only over the whole tree for one minute: only to learn the unit's path, which the real token names.
        var lookup = keys.Mint("rc-login", Roles.Viewer, "/", TimeSpan.FromMinutes(1));
        using var channel = session.Channel(lookup);
        var unit = await new OrgUnits.OrgUnitsClient(channel).GetOrgUnitAsync(new GetOrgUnitRequest { Code = code }, cancellationToken: ct);
        var token = keys.Mint(Environment.UserName, roleName, unit.Path, TimeSpan.FromHours(validFor), name: displayName ?? Environment.UserName);
        Session.SignedIn(session.DataDirectory, session.Server, token).Save();
        AnsiConsole.MarkupLineInterpolated($"Logged in as [bold]{roleName}[/] of [bold]{unit.Name}[/] ({unit.Path}) on {session.Server} for {validFor} h (signed with this machine's identity key).");
        return ExitCodes.Done;
    }

    /// <summary>The identity's HTTP address: given, else the gRPC server's host with the platform's port pairing (REST on the
    /// port below gRPC's), else the same address (one port for both behind an ingress).</summary>
    internal static Uri IdentityOf(string server, string? given)
    {
        if (given is not null)
        {
            return Uri.TryCreate(given, UriKind.Absolute, out var address) && address.Scheme is "http" or "https"
                ? address
                : throw new UsageException($"'{given}' is not an address: give --identity as http://HOST:PORT or https://HOST:PORT.");
        }

        if (!Uri.TryCreate(server, UriKind.Absolute, out var grpc) || grpc.Scheme is not ("http" or "https"))
        {
            throw new UsageException($"'{server}' is not a server address: give --server as http://HOST:PORT or https://HOST:PORT.");
        }

        var port = grpc.IsDefaultPort || grpc.Port % 10 != 1 ? grpc.Port : grpc.Port - 1;
        return new UriBuilder(grpc.Scheme, grpc.Host, port).Uri;
    }

    private static string Claim(JsonWebToken jwt, string type) => jwt.TryGetClaim(type, out var claim) ? claim.Value : "-";
}
