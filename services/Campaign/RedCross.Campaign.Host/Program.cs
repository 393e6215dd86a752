using RedCross.Campaign;
using RedCross.Messaging;
using RedCross.ServiceDefaults;

// Content root = the binary's folder: its appsettings.json applies wherever the host is started from.
var builder = WebApplication.CreateBuilder(new WebApplicationOptions { Args = args, ContentRootPath = AppContext.BaseDirectory });
builder.AddServiceDefaults("campaign", httpPort: 5130, grpcPort: 5131);
builder.AddCampaignModule();
builder.AddMessaging();

var app = builder.Build();
app.MapCampaignModule();
app.MapMessaging();
app.MapDefaultEndpoints();
app.Run();

/// <summary>Entry point, visible to the in-process integration tests.</summary>
public partial class Program;
