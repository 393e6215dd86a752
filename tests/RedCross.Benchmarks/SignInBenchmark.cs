using System.Diagnostics;
using System.Net;
using System.Security.Cryptography;
using Microsoft.AspNetCore.Identity;
using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.IdentityModel.Tokens;
using RedCross.Contracts.Identity.V1;
using RedCross.ServiceDefaults.Security;
using RedCross.Testing;

namespace RedCross.Benchmarks;

/// <summary>What people's sign-in and the identity's signatures cost.
/// (1) Sign-ins at the monolith's identity (host on CPU 0): the sign-in page, the password posted (ASP.NET Core Identity's
/// hasher at its default work factor), the code exchanged for tokens, 4 in flight; beside it the bare password check of
/// the same hasher in this process, one thread. Goal: at least 10 sign-ins per second on one core.
/// (2) Validating an access token with the hosts' parameters: ES256 (the identity's key) against HS256 (the shared key
/// before), same claims, one thread, A B A B. Goal: ES256 adds under 0.1 ms per call.</summary>
internal static class SignInBenchmark
{
    private const string App = "bench-app";
    private const string Redirect = "http://127.0.0.1:9/callback";
    private const string Password = "mật khẩu đo hiệu năng";
    private static readonly TimeSpan Duration = TimeSpan.FromSeconds(10);

    public static async Task RunAsync()
    {
        await using var hosts = new Hosts();
        await SignInsAsync(hosts);
        Validations(hosts);
    }

    private static async Task SignInsAsync(Hosts hosts)
    {
        Console.Error.WriteLine($"signin: 4 in flight, {Duration.TotalSeconds} s per run, A = sign-ins at the monolith (CPU 0), B = bare password checks (this process, one thread)");
        var (monolith, grpc) = await hosts.StartAsync("monolith", "services/Monolith/RedCross.Monolith.Host", "RedCross.Monolith.Host",
            new() { [$"Identity__Apps__{App}__RedirectUris__0"] = Redirect });
        await new Accounts.AccountsClient(Channels.Local(grpc, hosts.Tokens.ProvinceAdmin)).CreateAccountAsync(new CreateAccountRequest
        {
            Username = "bench.officer", DisplayName = "Cán Bộ Đo", Role = Roles.DistrictOfficer, OrgPath = "06/058", Password = Password,
        });
        using var http = new HttpClient(new HttpClientHandler { AllowAutoRedirect = false }) { BaseAddress = new Uri($"http://localhost:{monolith.HttpPort}") };
        var flows = new SignInFlows(http);
        async Task SignIn()
        {
            var (tokens, refused) = await flows.AuthorizationCode(App, Redirect, "bench.officer", Password);
            if (tokens?.Status != HttpStatusCode.OK)
            {
                throw new InvalidOperationException("A sign-in failed: " + (refused ?? tokens?.Error));
            }
        }

        // The password step alone: the sign-in page's form posted, the password checked, a code issued (a 302 to the app).
        var form = new Dictionary<string, string>
        {
            ["client_id"] = App, ["redirect_uri"] = Redirect, ["response_type"] = "code", ["scope"] = "openid offline_access",
            ["code_challenge"] = "E9Melhoa2OwvFrEMTJguCHaoeK1t8URWbuGJSstw-cM", ["code_challenge_method"] = "S256",
            ["username"] = "bench.officer", ["password"] = Password,
        };
        async Task PasswordStep()
        {
            using var response = await http.PostAsync("/connect/authorize", new FormUrlEncodedContent(form));
            if (response.StatusCode != HttpStatusCode.Redirect)
            {
                throw new InvalidOperationException($"The password step answered {(int)response.StatusCode}.");
            }
        }

        await RateAsync(TimeSpan.FromSeconds(3), 4, SignIn); // warm-up
        var hasher = new PasswordHasher<object>();
        var hash = hasher.HashPassword(new object(), Password);
        var (signIns, bare) = await Measure.Alternate(3, _ => RateAsync(Duration, 4, SignIn), _ => RateAsync(Duration, 1, () =>
        {
            if (hasher.VerifyHashedPassword(new object(), hash, Password) == PasswordVerificationResult.Failed)
            {
                throw new InvalidOperationException("The bare check failed.");
            }

            return Task.CompletedTask;
        }));
        var (passwordSteps, bareAgain) = await Measure.Alternate(3, _ => RateAsync(Duration, 4, PasswordStep), _ => RateAsync(Duration, 1, () =>
        {
            hasher.VerifyHashedPassword(new object(), hash, Password);
            return Task.CompletedTask;
        }));
        Console.WriteLine();
        Console.WriteLine("| sign-in, host on one core | per second (median of 3) |");
        Console.WriteLine("|---|---|");
        Measure.Row("sign-in: page, password, code for tokens (4 in flight)", signIns);
        Measure.Row("bare password check, same hasher, one thread", bare);
        Measure.Row("ratio sign-ins / bare checks", signIns / bare);
        Measure.Row("password step alone: form posted, password checked, code issued (4 in flight)", passwordSteps);
        Measure.Row("bare password check, same hasher, one thread (second series)", bareAgain);
        Measure.Row("ratio password steps / bare checks", passwordSteps / bareAgain);
    }

    private static void Validations(Hosts hosts)
    {
        const int Count = 20_000;
        var keys = hosts.Tokens.Keys;
        var es256 = keys.Mint("bench", Roles.DistrictOfficer, "06/058", TimeSpan.FromHours(1));
        var hmac = new SymmetricSecurityKey(RandomNumberGenerator.GetBytes(32)) { KeyId = "old-shared" };
        var hs256 = Forgery.Sign(keys.Issuer, IdentityKeys.Audience, new SigningCredentials(hmac, SecurityAlgorithms.HmacSha256));
        TokenValidationParameters Parameters(IEnumerable<SecurityKey> signing) => new()
        {
            ValidIssuer = keys.Issuer, ValidAudience = IdentityKeys.Audience, IssuerSigningKeys = signing, ClockSkew = TimeSpan.FromSeconds(30),
        };
        var handler = new JsonWebTokenHandler();
        double MicrosPerValidation(string token, TokenValidationParameters parameters)
        {
            var watch = Stopwatch.StartNew();
            for (var i = 0; i < Count; i++)
            {
                if (!handler.ValidateTokenAsync(token, parameters).GetAwaiter().GetResult().IsValid)
                {
                    throw new InvalidOperationException("A token did not validate.");
                }
            }

            return watch.Elapsed.TotalMicroseconds / Count;
        }

        var esParameters = Parameters(keys.Keys);
        var hsParameters = Parameters([hmac]);
        MicrosPerValidation(es256, esParameters); // warm-up
        MicrosPerValidation(hs256, hsParameters);
        var (es, hs) = Measure.Alternate(3, _ => Task.FromResult(MicrosPerValidation(es256, esParameters)), _ => Task.FromResult(MicrosPerValidation(hs256, hsParameters))).GetAwaiter().GetResult();
        Console.WriteLine();
        Console.WriteLine($"| token validation, one thread, {Count} per run | µs per validation (median of 3) |");
        Console.WriteLine("|---|---|");
        Measure.Row("ES256, the identity's key", es);
        Measure.Row("HS256, the shared key before", hs);
        Measure.Row("added by ES256, µs", es - hs);
    }

    private static async Task<double> RateAsync(TimeSpan duration, int inFlight, Func<Task> call)
    {
        var count = 0L;
        var watch = Stopwatch.StartNew();
        await Task.WhenAll(Enumerable.Range(0, inFlight).Select(_ => Task.Run(async () =>
        {
            while (watch.Elapsed < duration)
            {
                await call();
                Interlocked.Increment(ref count);
            }
        })));
        return count / watch.Elapsed.TotalSeconds;
    }
}
