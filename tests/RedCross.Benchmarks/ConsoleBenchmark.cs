using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Text.RegularExpressions;
using RedCross.Contracts.Identity.V1;
using RedCross.Testing;
using RedCross.Testing.Processes;

namespace RedCross.Benchmarks;

/// <summary>The web console's pages with the demo's data loaded (the monolith on CPU 0, this client on CPU 1, one request
/// at a time, signed in through the console's own sign-in like a browser): each page's time from request to last byte
/// on localhost, the first request after sign-in and the median and p95 of the next ones, beside the same host's bare
/// `/health/live` asked between them (A B A B). Goal: every page under 300 ms; the province's report preview under 1 s.</summary>
internal static class ConsoleBenchmark
{
    private const string Password = "mật khẩu đo trang quản trị";
    private const int Rounds = 15;

    public static async Task RunAsync()
    {
        var data = Directory.CreateTempSubdirectory("rc-bench-console-").FullName;
        var (http, grpc) = (Ports.Free(), Ports.Free());
        var monolith = new ServiceProcess("monolith", Repo.Binary("services/Monolith/RedCross.Monolith.Host", "RedCross.Monolith.Host"), http, new Dictionary<string, string>
        {
            ["Ports__Http"] = http.ToString(CultureInfo.InvariantCulture),
            ["Ports__Grpc"] = grpc.ToString(CultureInfo.InvariantCulture),
            ["Data__Directory"] = data,
            ["Demo__Load"] = "true",
        }, cpus: Environment.GetEnvironmentVariable("RC_BENCH_NOPIN") is null ? "0" : null);
        try
        {
            await monolith.StartAsync();
            await Eventually.Until(() => Task.FromResult(monolith.Log.Contains("Demo ready", StringComparison.Ordinal)), ready => ready, TimeSpan.FromMinutes(10), "the demo to load");
            var accounts = new Accounts.AccountsClient(Channels.Local(grpc, new Tokens(data).ProvinceAdmin));
            await accounts.CreateAccountAsync(new() { Username = "bench058", DisplayName = "Cán Bộ Đo", Role = "district_officer", OrgPath = "06/058", Password = Password });
            await accounts.CreateAccountAsync(new() { Username = "bench06", DisplayName = "Quản Trị Đo", Role = "province_admin", OrgPath = "06", Password = Password });

            Console.Error.WriteLine($"console: {Rounds} rounds per page after its first request, A = the page, B = /health/live");
            Console.WriteLine("| who | page | first (ms) | median (ms) | p95 (ms) | bare median (ms) | median / bare |");
            Console.WriteLine("|---|---|---|---|---|---|---|");
            using var officer = await SignInAsync(http, "bench058");
            var officerPages = new List<string>
            {
                "/", "/members", "/members/new", "/members/trainings", "/members/welfare", "/relief", "/relief/beneficiaries", "/relief/sponsors",
                "/relief/donations", "/relief/gifts", "/relief/gifts/new", "/relief/addresses", "/relief/addresses/overdue", "/relief/cows",
                "/relief/cows/animals", "/relief/cows/obligations", "/campaigns", "/blood", "/blood/sessions", "/awards", "/awards/candidates",
                "/awards/new", "/report?unit=058&year=2013", "/report/058/2013/preview",
            };
            // One record of each kind the lists link to, as the officer would open it from the list.
            foreach (var (list, detail) in new[]
            {
                ("/members", "members"), ("/relief/beneficiaries", "relief/beneficiaries"), ("/relief/donations", "relief/donations"),
                ("/relief/gifts", "relief/gifts"), ("/relief/addresses", "relief/addresses"), ("/campaigns", "campaigns"), ("/awards", "awards"),
            })
            {
                var html = await officer.GetStringAsync(list);
                if (Regex.Match(html, $"href=\"(/{detail}/[0-9a-fA-F-]{{36}})\"") is { Success: true } link)
                {
                    officerPages.Add(link.Groups[1].Value);
                }
            }

            foreach (var page in officerPages)
            {
                await TimeAsync(officer, "district 058", page, page);
            }

            using var admin = await SignInAsync(http, "bench06");
            foreach (var page in new[] { "/", "/admin", "/admin/accounts", "/report?unit=06&year=2013", "/report/06/2013/preview" })
            {
                await TimeAsync(admin, "province 06", page, page);
            }
        }
        finally
        {
            await monolith.DisposeAsync();
            Directory.Delete(data, recursive: true);
        }
    }

    private static async Task TimeAsync(HttpClient client, string who, string page, string label)
    {
        var first = await GetAsync(client, page);
        var pages = new List<double>();
        var bare = new List<double>();
        for (var round = 0; round < Rounds; round++)
        {
            pages.Add(await GetAsync(client, page));
            bare.Add(await GetAsync(client, "/health/live"));
        }

        var median = Measure.Median(pages);
        var p95 = pages.Order().ElementAt((int)Math.Ceiling(0.95 * pages.Count) - 1);
        var bareMedian = Measure.Median(bare);
        Measure.Row(who, "`" + label.Replace("|", "\\|", StringComparison.Ordinal) + "`", first, median, p95, bareMedian, median / bareMedian);
    }

    /// <summary>One GET, timed to the last byte read; a page that does not answer 200 stops the benchmark.</summary>
    private static async Task<double> GetAsync(HttpClient client, string path)
    {
        var watch = Stopwatch.StartNew();
        using var response = await client.GetAsync(path, HttpCompletionOption.ResponseContentRead);
        watch.Stop();
        if (response.StatusCode != HttpStatusCode.OK)
        {
            throw new InvalidOperationException($"{path} answered {(int)response.StatusCode}");
        }

        return watch.Elapsed.TotalMilliseconds;
    }

    /// <summary>The console's sign-in as a browser goes through it: `/` sends to the identity's page, the password is
    /// posted there, the code comes back to `/signin-oidc`, which sets the session cookie.</summary>
    private static async Task<HttpClient> SignInAsync(int port, string username)
    {
        var client = new HttpClient(new LocalhostCookies { InnerHandler = new HttpClientHandler { AllowAutoRedirect = false, UseCookies = false } })
        {
            BaseAddress = new Uri($"http://localhost:{port}"),
        };
        using var start = await client.GetAsync("/");
        var authorize = start.Headers.Location ?? throw new InvalidOperationException("/ did not send to the sign-in page: " + start.StatusCode);
        var query = System.Web.HttpUtility.ParseQueryString(authorize.Query);
        var form = query.AllKeys.Select(k => KeyValuePair.Create(k!, query[k]!)).Append(KeyValuePair.Create("username", username)).Append(KeyValuePair.Create("password", Password));
        using var posted = await client.PostAsync(authorize.AbsolutePath, new FormUrlEncodedContent(form));
        var callback = posted.Headers.Location ?? throw new InvalidOperationException("The password was refused: " + posted.StatusCode);
        using var back = await client.GetAsync(callback.PathAndQuery);
        if (back.Headers.Location?.OriginalString != "/")
        {
            throw new InvalidOperationException($"The console did not sign in: {back.StatusCode} to {back.Headers.Location}");
        }

        return client;
    }

    /// <summary>Keeps cookies as a browser does for http://localhost, which it treats as secure: the console's cookies
    /// are all `Secure`, and .NET's CookieContainer would not send them over plain HTTP.</summary>
    private sealed class LocalhostCookies : DelegatingHandler
    {
        private readonly Dictionary<string, string> cookies = [];

        protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
        {
            if (cookies.Count > 0)
            {
                request.Headers.Add("Cookie", string.Join("; ", cookies.Select(c => $"{c.Key}={c.Value}")));
            }

            var response = await base.SendAsync(request, cancellationToken);
            foreach (var header in response.Headers.TryGetValues("Set-Cookie", out var values) ? values : [])
            {
                var pair = header.Split(';')[0].Split('=', 2);
                if (pair[1].Length == 0 || header.Contains("expires=Thu, 01 Jan 1970", StringComparison.OrdinalIgnoreCase))
                {
                    cookies.Remove(pair[0]);
                }
                else
                {
                    cookies[pair[0]] = pair[1];
                }
            }

            return response;
        }
    }
}
