using RedCross.Gateway;
using RedCross.ServiceDefaults;

// Content root = the binary's folder: its appsettings.json applies wherever the host is started from.
var builder = WebApplication.CreateBuilder(new WebApplicationOptions { Args = args, ContentRootPath = AppContext.BaseDirectory });
builder.AddServiceDefaults("gateway", httpPort: 8080, grpcPort: 8081);
builder.AddGateway();

var app = builder.Build();
app.MapGateway();
app.MapDefaultEndpoints();
app.Run();

/// <summary>Entry point, visible to tests.</summary>
public partial class Program;
