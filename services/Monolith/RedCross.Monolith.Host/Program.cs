using RedCross.Awards;
using RedCross.Campaign;
using RedCross.Identity;
using RedCross.Membership;
using RedCross.Messaging;
using RedCross.Monolith.Host;
using RedCross.Relief;
using RedCross.Reporting;
using RedCross.ServiceDefaults;
using RedCross.WebConsole;

// Content root = the binary's folder: its appsettings.json applies wherever the host is started from.
// `--demo` (or Demo:Load=true) loads Bắc Kạn town's year 2013 once the host listens.
var builder = WebApplication.CreateBuilder(new WebApplicationOptions { Args = [.. args.Where(a => a != "--demo")], ContentRootPath = AppContext.BaseDirectory });
builder.AddServiceDefaults("monolith", httpPort: 5080, grpcPort: 5081);
builder.AddMembershipModule();
builder.AddReliefModule();
builder.AddAwardsModule();
builder.AddCampaignModule();
builder.AddReportingModule();
builder.AddEmbeddedIdentity();
builder.AddWebConsole();
builder.AddMessaging();
if (args.Contains("--demo") || builder.Configuration.GetValue<bool>("Demo:Load"))
{
    builder.Services.AddHostedService<DemoOnStart>();
}

var app = builder.Build();
app.MapMembershipModule();
app.MapReliefModule();
app.MapAwardsModule();
app.MapCampaignModule();
app.MapReportingModule();
app.MapEmbeddedIdentity();
app.MapWebConsole();
app.MapMessaging();
app.MapDefaultEndpoints();
app.Run();

/// <summary>Entry point, visible to the in-process integration tests.</summary>
public partial class Program;
