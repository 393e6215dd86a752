using RedCross.ServiceDefaults;
using RedCross.WebConsole;

// Content root = the binary's folder: its appsettings.json applies wherever the host is started from.
var builder = WebApplication.CreateBuilder(new WebApplicationOptions { Args = args, ContentRootPath = AppContext.BaseDirectory });
builder.AddServiceDefaults("console", httpPort: 5170, grpcPort: 5171);
builder.AddWebConsole();

var app = builder.Build();
app.MapWebConsole();
app.MapDefaultEndpoints();
app.Run();

/// <summary>Entry point, visible to the in-process integration tests.</summary>
public partial class Program;
