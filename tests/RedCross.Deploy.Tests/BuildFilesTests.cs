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
    public void The_runner_knows_every_host_and_its_ports()
    {
        var script = Repo.Read("deploy/run-microservices.sh");
        foreach (var (name, http, grpc, _) in KubernetesTests.Services)
        {
            Assert.Matches($@"""{name}\s+services/\w+/RedCross\.\w+\.Host\s+{http} {grpc}""", script);
        }

        Assert.Matches(@"""gateway\s+gateway/RedCross.Gateway\s+8080 8081""", script);
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
}
