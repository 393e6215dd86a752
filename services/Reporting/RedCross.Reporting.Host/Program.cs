using RedCross.Messaging;
using RedCross.Reporting;
using RedCross.ServiceDefaults;

// Content root = the binary's folder: its appsettings.json applies wherever the host is started from.
var builder = WebApplication.CreateBuilder(new WebApplicationOptions { Args = args, ContentRootPath = AppContext.BaseDirectory });
builder.AddServiceDefaults("reporting", httpPort: 5150, grpcPort: 5151);
builder.AddReportingModule();
builder.AddMessaging();

var app = builder.Build();
app.MapReportingModule();
app.MapMessaging();
app.MapDefaultEndpoints();
app.Run();

/// <summary>Entry point, visible to the in-process integration tests.</summary>
public partial class Program;
