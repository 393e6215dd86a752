using Google.Protobuf.Reflection;
using Grpc.Core;
using Grpc.Net.Client;
using RedCross.Testing;
using Xunit;
using V1 = Grpc.Reflection.V1;
using V1Alpha = Grpc.Reflection.V1Alpha;

namespace RedCross.Gateway.Tests;

/// <summary>gRPC reflection through the gateway (what grpcurl and Postman ask first): every routed contract service
/// is listed and its descriptors resolve, for a caller with a valid token; nobody else learns anything.</summary>
public sealed class ReflectionTests : IAsyncLifetime
{
    private GatewayUnderTest gateway = null!;

    public async Task InitializeAsync() => gateway = await GatewayUnderTest.StartAsync();

    public async Task DisposeAsync() => await gateway.DisposeAsync();

    private GrpcChannel Officer => gateway.Grpc(gateway.Tokens.DistrictOfficer058);

    [Fact]
    public async Task A_caller_with_a_token_is_listed_every_routed_contract_service_and_no_per_host_one()
    {
        var listed = await ListServices(Officer);
        var routed = ContractRoutes.Services()
            .Where(s => !ContractRoutes.PerHostPackages.Contains(s.File.Package))
            .Select(s => s.FullName)
            .ToList();

        Assert.Contains("redcross.membership.v1.Members", listed);
        Assert.Contains("redcross.relief.v1.Beneficiaries", listed);
        Assert.Empty(routed.Except(listed));
        Assert.DoesNotContain("redcross.common.v1.OutboxAdmin", listed);
        // The gateway's own services are there too (grpcurl's health check goes to the gateway itself).
        Assert.Contains("grpc.health.v1.Health", listed);
    }

    [Fact]
    public async Task The_file_of_a_symbol_resolves_with_its_service_and_methods()
    {
        var files = await Files(Officer, new V1.ServerReflectionRequest { FileContainingSymbol = "redcross.membership.v1.Members.GetMember" });

        var members = Assert.Single(files, f => f.Name == "redcross/membership/v1/members.proto");
        Assert.Equal("redcross.membership.v1", members.Package);
        Assert.Contains("GetMember", Assert.Single(members.Service, s => s.Name == "Members").Method.Select(m => m.Name));
    }

    [Fact]
    public async Task Every_file_a_service_imports_resolves_by_name_as_grpcurl_asks_next()
    {
        var members = (await Files(Officer, new V1.ServerReflectionRequest { FileContainingSymbol = "redcross.membership.v1.Members" }))
            .Single(f => f.Name == "redcross/membership/v1/members.proto");

        Assert.Contains("google/api/annotations.proto", members.Dependency);
        foreach (var dependency in members.Dependency)
        {
            Assert.Contains(await Files(Officer, new V1.ServerReflectionRequest { FileByFilename = dependency }), f => f.Name == dependency);
        }
    }

    [Fact]
    public async Task An_unknown_symbol_is_NotFound_in_the_stream()
    {
        var response = await Ask(Officer, new V1.ServerReflectionRequest { FileContainingSymbol = "redcross.nothing.v1.Nothing" });

        Assert.Equal((int)StatusCode.NotFound, response.ErrorResponse?.ErrorCode);
    }

    [Fact]
    public async Task The_older_v1alpha_protocol_lists_the_same_services()
    {
        using var call = new V1Alpha.ServerReflection.ServerReflectionClient(Officer).ServerReflectionInfo();
        await call.RequestStream.WriteAsync(new V1Alpha.ServerReflectionRequest { ListServices = string.Empty });
        await call.RequestStream.CompleteAsync();
        Assert.True(await call.ResponseStream.MoveNext(CancellationToken.None));
        var alpha = call.ResponseStream.Current.ListServicesResponse.Service.Select(s => s.Name);

        Assert.Equal((await ListServices(Officer)).Order(StringComparer.Ordinal), alpha.Order(StringComparer.Ordinal));
    }

    [Fact]
    public async Task An_anonymous_caller_or_a_forged_token_is_Unauthenticated()
    {
        foreach (var token in new[] { null, Forgery.OtherKey(gateway.Tokens.Keys.Issuer) })
        {
            await RpcAssert.Fails(StatusCode.Unauthenticated, () => ListServices(gateway.Grpc(token)));
        }
    }

    private static async Task<V1.ServerReflectionResponse> Ask(GrpcChannel channel, V1.ServerReflectionRequest request)
    {
        using var call = new V1.ServerReflection.ServerReflectionClient(channel).ServerReflectionInfo();
        await call.RequestStream.WriteAsync(request);
        await call.RequestStream.CompleteAsync();
        Assert.True(await call.ResponseStream.MoveNext(CancellationToken.None));
        return call.ResponseStream.Current;
    }

    private static async Task<IReadOnlyList<FileDescriptorProto>> Files(GrpcChannel channel, V1.ServerReflectionRequest request)
    {
        var response = await Ask(channel, request);
        Assert.Equal(V1.ServerReflectionResponse.MessageResponseOneofCase.FileDescriptorResponse, response.MessageResponseCase);
        return [.. response.FileDescriptorResponse.FileDescriptorProto.Select(FileDescriptorProto.Parser.ParseFrom)];
    }

    private static async Task<IReadOnlyList<string>> ListServices(GrpcChannel channel) =>
        [.. (await Ask(channel, new V1.ServerReflectionRequest { ListServices = string.Empty })).ListServicesResponse.Service.Select(s => s.Name)];
}
