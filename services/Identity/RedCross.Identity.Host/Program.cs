using RedCross.Identity;
using RedCross.ServiceDefaults;

// Content root = the binary's folder: its appsettings.json applies wherever the host is started from.
var builder = WebApplication.CreateBuilder(new WebApplicationOptions { Args = args, ContentRootPath = AppContext.BaseDirectory });
builder.AddServiceDefaults("identity", httpPort: 5160, grpcPort: 5161);
builder.AddEmbeddedIdentity();

var app = builder.Build();
app.MapEmbeddedIdentity();
app.MapDefaultEndpoints();
app.Run();

/// <summary>Entry point, visible to the in-process integration tests.</summary>
public partial class Program;
