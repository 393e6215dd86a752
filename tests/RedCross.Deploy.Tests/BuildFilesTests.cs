using System.Diagnostics;
using System.Globalization;
using System.Text.RegularExpressions;

namespace RedCross.Deploy.Tests;

/// <summary>The Dockerfile, .dockerignore and the local runner, checked without Docker.</summary>
public sealed class BuildFilesTests
{
    [Fact]
    public void The_runner_script_parses()
    {
        var (exit, _, error) = Repo.Run("bash", "Install bash.", "-n", "deploy/run-microservices.sh");
        Assert.True(exit == 0, error);
    }

    [Fact]
    public void The_runner_knows_every_host_and_its_ports_the_identity_first()
    {
        var script = Repo.Read("deploy/run-microservices.sh");
        foreach (var (name, http, grpc, _) in KubernetesTests.Services)
        {
            Assert.Matches($@"""{name}\s+services/\w+/RedCross\.\w+\.Host\s+{http} {grpc}""", script);
        }

        Assert.Matches(@"""gateway\s+gateway/RedCross.Gateway\s+8080 8081""", script);
        Assert.Matches($@"""console\s+services/Console/RedCross\.WebConsole\.Host\s+{KubernetesTests.Console.Http} {KubernetesTests.Console.Grpc}""", script);

        // The identity first: the others fetch its published keys and their service tokens from it.
        var (identity, identityHttp, identityGrpc) = KubernetesTests.Identity;
        var first = Regex.Match(script, @"hosts=\(\s*(?:#[^\n]*\n\s*)*""(\S+)\s+(\S+)\s+(\d+) (\d+)""");
        Assert.True(first.Success, "no host list in the runner");
        Assert.Equal(
            [identity, "services/Identity/RedCross.Identity.Host", $"{identityHttp}", $"{identityGrpc}"],
            first.Groups.Values.Skip(1).Select(g => g.Value));
        Assert.DoesNotContain("signing.key", script, StringComparison.Ordinal);
        Assert.DoesNotContain("SigningKeyFile", script, StringComparison.Ordinal);
    }

    /// <summary>Runs the runner's own functions (sourced: ensure_secrets, launch, stop) with a stand-in `dotnet` on the
    /// PATH that records its environment and waits: no build, no broker, no real host is started.</summary>
    [Fact]
    [System.Runtime.Versioning.UnsupportedOSPlatform("windows")] // a bash script, file modes, /proc
    public void The_runner_gives_each_host_its_own_client_the_identity_all_of_them_the_console_its_addresses_and_stop_ends_only_what_it_recorded()
    {
        var scratch = Directory.CreateTempSubdirectory("rc-runner-");
        var started = new List<int>();
        Process? stranger = null;
        try
        {
            var bin = Directory.CreateDirectory(Path.Combine(scratch.FullName, "bin")).FullName;
            var seen = Directory.CreateDirectory(Path.Combine(scratch.FullName, "seen")).FullName;
            var state = Path.Combine(scratch.FullName, "state");
            var fake = Path.Combine(bin, "dotnet");
            // Records the settings that matter, then waits under a name that still says which dll it runs (stop checks it).
            File.WriteAllText(fake, """
                #!/usr/bin/env bash
                dll=$(basename "$1" .dll)
                env | grep -E '^(Auth|Identity|Messaging|Data|Console)__' | sort > "$RUNNER_SEEN/$dll.tmp" && mv "$RUNNER_SEEN/$dll.tmp" "$RUNNER_SEEN/$dll.env"
                exec -a "fake-dotnet $1" sleep 120
                """);
            File.SetUnixFileMode(fake, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute);

            // The script's settings and functions without its command dispatch; it cds relative to $0, so back to the root.
            var script = Repo.Read("deploy/run-microservices.sh");
            var dispatch = script.IndexOf("\ncase \"${1:-}\" in", StringComparison.Ordinal);
            Assert.True(dispatch > 0, "the runner's command dispatch was not found");
            var library = Path.Combine(scratch.FullName, "runner-functions.sh");
            File.WriteAllText(library, script[..dispatch] + $"\ncd '{Repo.Root}'\n");
            string[] hosts = [KubernetesTests.Identity.Name, .. KubernetesTests.ClientHosts, KubernetesTests.Console.Name];

            var launch = RunBash(bin, seen, state, $"""
                source '{library}'
                mkdir -p "$state/data" "$state/logs" "$state/pids"
                user=broker-user password=broker-password
                ensure_secrets
                for h in "${"{"}hosts[@]{"}"}"; do read -r name project _ <<< "$h"; launch "$name" "$project"; done
                """);
            Assert.True(launch.ExitCode == 0, launch.Error);
            var pids = hosts.ToDictionary(h => h, h => int.Parse(File.ReadAllText(Path.Combine(state, "pids", h + ".pid")).Trim(), CultureInfo.InvariantCulture));
            started.AddRange(pids.Values);

            // Every stand-in has written what it was given and become its waiting self (a condition with a deadline, not a
            // sleep): between the two, during the exec, /proc reads an empty command line.
            var deadline = DateTime.UtcNow.AddSeconds(60);
            while ((Directory.GetFiles(seen, "*.env").Length < hosts.Length || !pids.Values.All(Waiting)) && DateTime.UtcNow < deadline)
            {
                Thread.Sleep(50);
            }

            var env = new Dictionary<string, Dictionary<string, string>>();
            foreach (var host in hosts)
            {
                var assembly = host switch
                {
                    "gateway" => "RedCross.Gateway",
                    "console" => "RedCross.WebConsole.Host",
                    _ => $"RedCross.{char.ToUpperInvariant(host[0])}{host[1..]}.Host",
                };
                var file = Path.Combine(seen, assembly + ".env");
                Assert.True(File.Exists(file), $"{host} was not started");
                env[host] = File.ReadAllLines(file).Select(l => l.Split('=', 2)).ToDictionary(kv => kv[0], kv => kv[1]);
                Assert.Equal(Path.Combine(state, "data", host), env[host]["Data__Directory"]);
                Assert.DoesNotContain(env[host].Keys, k => k is "Auth__SigningKeyFile" or "Auth__KeysDirectory");
                // The recorded pid is the host's own process (nohup and the subshell exec'd into it).
                Assert.Contains(assembly + ".dll", File.ReadAllText($"/proc/{pids[host]}/cmdline"), StringComparison.Ordinal);
            }

            var identity = env[KubernetesTests.Identity.Name];
            Assert.Equal("http://localhost:5160/", identity["Auth__Issuer"]);
            Assert.False(identity.ContainsKey("Auth__Authority"), "the identity is the authority: it must not point at one");
            Assert.DoesNotContain(identity.Keys, k => k.StartsWith("Messaging__", StringComparison.Ordinal));
            Assert.Equal("events.read relief.read", identity["Identity__ServiceClients__campaign__Scopes"]);
            var secrets = new HashSet<string>();
            foreach (var host in KubernetesTests.ClientHosts)
            {
                Assert.Equal("http://localhost:5160", env[host]["Auth__Authority"]);
                Assert.Equal($"service-{host}", env[host]["Auth__ClientId"]);
                var secret = env[host]["Auth__ClientSecret"];
                Assert.True(secret.Length >= 16, $"{host}'s client secret is shorter than the identity accepts");
                Assert.True(secrets.Add(secret), $"{host} shares its client secret");
                Assert.Equal(secret, identity[$"Identity__ServiceClients__{host}__Secret"]);
                Assert.False(env[host].ContainsKey("Auth__Issuer"), $"{host} sets an issuer: only the identity issues");
                Assert.Equal(host != "gateway", env[host].ContainsKey("Messaging__RabbitMq__Password"));
                var file = Path.Combine(state, "secrets", host);
                Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite, File.GetUnixFileMode(file));
                Assert.Equal(secret, File.ReadAllText(file));
            }

            // The console: the identity for sign-in, the gateway for everything a browser or the API sees; no service
            // client (it calls as nobody but the signed-in person), no broker.
            var console = env[KubernetesTests.Console.Name];
            Assert.Equal("http://localhost:5160", console["Auth__Authority"]);
            Assert.Equal("http://localhost:8081", console["Console__Api"]);
            Assert.Equal("http://localhost:8080", console["Console__PublicUrl"]);
            Assert.Equal("http://localhost:8080/connect/authorize", console["Console__AuthorizationEndpoint"]);
            Assert.DoesNotContain(console.Keys, k => k is "Auth__ClientId" or "Auth__ClientSecret" or "Auth__Issuer");
            Assert.DoesNotContain(console.Keys, k => k.StartsWith("Messaging__", StringComparison.Ordinal));
            Assert.Equal("http://localhost:8080/signin-oidc", identity["Identity__Apps__console__RedirectUris__0"]);
            Assert.DoesNotContain(identity.Keys, k => k.StartsWith("Identity__ServiceClients__console", StringComparison.Ordinal));

            Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute, File.GetUnixFileMode(Path.Combine(state, "secrets")));
            Assert.Equal(KubernetesTests.ClientHosts.Length, Directory.GetFiles(Path.Combine(state, "secrets")).Length);

            // A recorded pid that no longer runs its host (recycled by another process) must be left alone.
            stranger = Process.Start(new ProcessStartInfo("sleep", "120"))!;
            File.WriteAllText(Path.Combine(state, "pids", "gateway.pid"), stranger.Id.ToString(CultureInfo.InvariantCulture));
            var stop = RunBash(bin, seen, state, $"""
                source '{library}'
                ensure_secrets
                stop
                """);
            Assert.True(stop.ExitCode == 0, stop.Error);
            foreach (var host in hosts.Where(h => h != "gateway"))
            {
                Assert.Contains($"stopped {host} (pid {pids[host]})", stop.Output, StringComparison.Ordinal);
                Assert.False(Running(pids[host]), $"{host} still runs after stop");
            }

            Assert.False(stranger.HasExited, "stop ended a process it did not start");
            Assert.DoesNotContain("stopped gateway", stop.Output, StringComparison.Ordinal);
            Assert.Empty(Directory.GetFiles(Path.Combine(state, "pids")));
            // The secrets are made once: a later start keeps them.
            Assert.All(KubernetesTests.ClientHosts, h => Assert.Equal(env[h]["Auth__ClientSecret"], File.ReadAllText(Path.Combine(state, "secrets", h))));
        }
        finally
        {
            // Whatever this test started and stop did not end (the gateway's stand-in, whose pid file was replaced), and
            // only while the pid is still one of its stand-ins (never a recycled pid).
            foreach (var pid in started.Where(p => Running(p) && IsStandIn(p, scratch.FullName)))
            {
                try
                {
                    using var process = Process.GetProcessById(pid);
                    process.Kill();
                }
                catch (ArgumentException)
                {
                    // Ended meanwhile.
                }
            }

            if (stranger is { HasExited: false })
            {
                stranger.Kill();
            }

            stranger?.Dispose();
            scratch.Delete(recursive: true);
        }
    }

    [Fact]
    public void The_Dockerfile_pins_its_base_images_and_runs_as_a_non_root_user_owning_data()
    {
        var dockerfile = Repo.Read("deploy/Dockerfile");
        Assert.Matches(@"ARG DOTNET_SDK_VERSION=10\.0\.\d+\n", dockerfile);
        Assert.Matches(@"ARG DOTNET_RUNTIME_VERSION=10\.0\.\d+\n", dockerfile);
        Assert.Contains("FROM mcr.microsoft.com/dotnet/sdk:${DOTNET_SDK_VERSION} AS build", dockerfile, StringComparison.Ordinal);
        Assert.Contains("FROM mcr.microsoft.com/dotnet/aspnet:${DOTNET_RUNTIME_VERSION}", dockerfile, StringComparison.Ordinal);
        Assert.DoesNotContain(":latest", dockerfile, StringComparison.Ordinal);
        Assert.Contains("chown \"$APP_UID:$APP_UID\" /data", dockerfile, StringComparison.Ordinal);
        Assert.Matches(@"\nUSER \$APP_UID\n", dockerfile);
        Assert.True(dockerfile.IndexOf("USER $APP_UID", StringComparison.Ordinal) > dockerfile.IndexOf("chown", StringComparison.Ordinal));
    }

    [Fact]
    public void The_docker_build_context_leaves_out_builds_git_databases_and_secrets()
    {
        var ignored = Repo.Read(".dockerignore").Split('\n').Select(l => l.Trim()).ToHashSet();
        Assert.Superset(new HashSet<string> { "**/bin/", "**/obj/", ".git", "**/*.db", "**/signing.key", "**/keys/es256-*.pem", "**/TestResults/", "**/.env" }, ignored);
    }

    private static bool Waiting(int pid)
    {
        try
        {
            return File.ReadAllText($"/proc/{pid}/cmdline").StartsWith("fake-dotnet", StringComparison.Ordinal);
        }
        catch (IOException)
        {
            return false;
        }
    }

    private static (int ExitCode, string Output, string Error) RunBash(string bin, string seen, string state, string commands)
    {
        var info = new ProcessStartInfo("bash") { RedirectStandardOutput = true, RedirectStandardError = true, WorkingDirectory = Repo.Root };
        foreach (var argument in new[] { "-euo", "pipefail", "-c", commands })
        {
            info.ArgumentList.Add(argument);
        }

        info.Environment["PATH"] = bin + Path.PathSeparator + Environment.GetEnvironmentVariable("PATH");
        info.Environment["STATE_DIR"] = state;
        info.Environment["RUNNER_SEEN"] = seen;
        using var process = Process.Start(info)!;
        var output = process.StandardOutput.ReadToEndAsync();
        var error = process.StandardError.ReadToEndAsync();
        Assert.True(process.WaitForExit(TimeSpan.FromSeconds(120)), "the runner's functions did not return");
        return (process.ExitCode, output.Result, error.Result);
    }

    private static bool IsStandIn(int pid, string scratch)
    {
        try
        {
            var commandLine = File.ReadAllText($"/proc/{pid}/cmdline");
            return commandLine.StartsWith("fake-dotnet ", StringComparison.Ordinal) || commandLine.Contains(scratch, StringComparison.Ordinal);
        }
        catch (IOException)
        {
            return false;
        }
    }

    /// <summary>Whether the process runs: not gone and not a zombie (ended, waiting for its new parent to reap it).</summary>
    private static bool Running(int pid)
    {
        string stat;
        try
        {
            stat = File.ReadAllText($"/proc/{pid}/stat");
        }
        catch (IOException)
        {
            return false;
        }

        // "pid (comm) state ...": the state follows the last ')'.
        return stat[(stat.LastIndexOf(')') + 1)..].TrimStart() is [not ('Z' or 'X'), ..];
    }
}
