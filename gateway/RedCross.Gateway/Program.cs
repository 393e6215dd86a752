using RedCross.Gateway;
using RedCross.ServiceDefaults;

var builder = WebApplication.CreateBuilder(args);
builder.AddServiceDefaults("gateway", httpPort: 8080, grpcPort: 8081);
builder.AddGateway();

var app = builder.Build();
app.MapGateway();
app.MapDefaultEndpoints();
app.Run();

/// <summary>Entry point, visible to tests.</summary>
public partial class Program;
