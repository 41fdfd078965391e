using SameSession.Core.Providers.Acpx;
using SameSession.Core.Providers.Gemini;
using SameSession.Core.Providers.OpenCode;
using SameSession.Core.Relocation.Rebind;
using SameSession.Core.Sessions;
using static SameSession.Tests.Unit.Providers.ProviderTestKit;

namespace SameSession.Tests.Unit.Providers;

public class ProviderRebindersTests
{
    [Theory]
    [InlineData(AgentProvider.OpenCode, typeof(OpenCodeRebinder))]
    [InlineData(AgentProvider.Acpx, typeof(AcpxRebinder))]
    [InlineData(AgentProvider.Gemini, typeof(GeminiRebinder))]
    public void The_registry_finds_each_rebinder(AgentProvider kind, Type type) =>
        Assert.IsType(type, RebinderRegistry.For(kind));

    [Fact]
    public void IsLiveNow_looks_again_at_the_agent_locks()
    {
        using var t = new TempDir("live");
        var sessions = t.Combine("home", ".acpx", "sessions");
        WriteFile(Path.Combine(sessions, "r1.json"),
            $$"""{"schema":"acpx.session.v1","acpx_record_id":"r1","cwd":"{{t.Path.Replace("\\", "\\\\", StringComparison.Ordinal)}}","messages":[]}""");
        var session = Assert.Single(Discover(new AcpxProvider(), Env(t)).Sessions);
        Assert.False(new AcpxRebinder().IsLiveNow(session, Env(t)));

        var now = DateTimeOffset.UtcNow.ToString("O", System.Globalization.CultureInfo.InvariantCulture);
        WriteFile(Path.Combine(sessions, "r1.stream.lock"), $$"""{"pid":{{Environment.ProcessId}},"created_at":"{{now}}"}""");

        Assert.True(new AcpxRebinder().IsLiveNow(session, Env(t)));
    }
}
