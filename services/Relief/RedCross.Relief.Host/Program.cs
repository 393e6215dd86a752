using RedCross.Messaging;
using RedCross.Relief;
using RedCross.ServiceDefaults;

// Content root = the binary's folder: its appsettings.json applies wherever the host is started from.
var builder = WebApplication.CreateBuilder(new WebApplicationOptions { Args = args, ContentRootPath = AppContext.BaseDirectory });
builder.AddServiceDefaults("relief", httpPort: 5120, grpcPort: 5121);
builder.AddReliefModule();
builder.AddMessaging();

var app = builder.Build();
app.MapReliefModule();
app.MapMessaging();
app.MapDefaultEndpoints();
app.Run();

/// <summary>Entry point, visible to the in-process integration tests.</summary>
public partial class Program;
