using RedCross.Messaging;
using RedCross.Reporting;
using RedCross.ServiceDefaults;

var builder = WebApplication.CreateBuilder(args);
builder.AddServiceDefaults("reporting", httpPort: 5150, grpcPort: 5151);
builder.AddReportingModule();
builder.AddMessaging();

var app = builder.Build();
app.MapReportingModule();
app.MapDefaultEndpoints();
app.Run();

/// <summary>Entry point, visible to the in-process integration tests.</summary>
public partial class Program;
