using Grpc.Net.Client;

namespace RedCross.Demo;

/// <summary>Who loads the demo: the town's district officer (058) for the town's year, and the province's admin (06)
/// for what only the province may do (its issuer and its commendations).</summary>
public sealed record DemoChannels(GrpcChannel Town, GrpcChannel Province);
