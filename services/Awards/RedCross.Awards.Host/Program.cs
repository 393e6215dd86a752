using RedCross.Awards;
using RedCross.Messaging;
using RedCross.ServiceDefaults;

// Content root = the binary's folder: its appsettings.json applies wherever the host is started from.
var builder = WebApplication.CreateBuilder(new WebApplicationOptions { Args = args, ContentRootPath = AppContext.BaseDirectory });
builder.AddServiceDefaults("awards", httpPort: 5140, grpcPort: 5141);
builder.AddAwardsModule();
builder.AddMessaging();

var app = builder.Build();
app.MapAwardsModule();
app.MapMessaging();
app.MapDefaultEndpoints();
app.Run();

/// <summary>Entry point, visible to the in-process integration tests.</summary>
public partial class Program;
