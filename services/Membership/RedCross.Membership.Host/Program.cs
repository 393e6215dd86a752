using RedCross.Membership;
using RedCross.Messaging;
using RedCross.ServiceDefaults;

var builder = WebApplication.CreateBuilder(args);
builder.AddServiceDefaults("membership", httpPort: 5110, grpcPort: 5111);
builder.AddMembershipModule();
builder.AddMessaging();

var app = builder.Build();
app.MapMembershipModule();
app.MapDefaultEndpoints();
app.Run();

/// <summary>Entry point, visible to the in-process integration tests.</summary>
public partial class Program;
