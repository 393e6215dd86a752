using RedCross.Membership;
using RedCross.Messaging;
using RedCross.Reporting;
using RedCross.ServiceDefaults;

var builder = WebApplication.CreateBuilder(args);
builder.AddServiceDefaults("monolith", httpPort: 5080, grpcPort: 5081);
builder.AddMembershipModule();
builder.AddReportingModule();
builder.AddMessaging();

var app = builder.Build();
app.MapMembershipModule();
app.MapReportingModule();
app.MapDefaultEndpoints();
app.Run();

/// <summary>Entry point, visible to the in-process integration tests.</summary>
public partial class Program;
