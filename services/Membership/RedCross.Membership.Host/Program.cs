using RedCross.Membership;
using RedCross.Messaging;
using RedCross.ServiceDefaults;

// Content root = the binary's folder: its appsettings.json applies wherever the host is started from.
var builder = WebApplication.CreateBuilder(new WebApplicationOptions { Args = args, ContentRootPath = AppContext.BaseDirectory });
builder.AddServiceDefaults("membership", httpPort: 5110, grpcPort: 5111);
builder.AddMembershipModule();
builder.AddMessaging();

var app = builder.Build();
app.MapMembershipModule();
app.MapMessaging();
app.MapDefaultEndpoints();
app.Run();

/// <summary>Entry point, visible to the in-process integration tests.</summary>
public partial class Program;
