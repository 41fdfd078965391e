using SameSession.Tests.Compat.Harness.Agents;
using SameSession.Tests.Compat.Harness.StandIn;

namespace SameSession.Tests.Compat.Harness;

/// <summary>
/// Entry point for tests that drive the real agent CLIs:
/// <code>
/// await using var h = await CompatHarness.StartAsync();
/// using var home = h.NewHome();
/// var first = h.Claude(home).NewSession(cwd, "hello");
/// </code>
/// Fails fast (never skips) when a pinned CLI is not installed.
/// </summary>
public sealed class CompatHarness : IAsyncDisposable, IDisposable
{
    private readonly List<AgentHome> _homes = [];

    private CompatHarness(ModelStandIn standIn) => StandIn = standIn;

    public ModelStandIn StandIn { get; }

    public static Task<CompatHarness> StartAsync()
    {
        foreach (var cli in AgentClis.PinnedVersions.Keys) AgentClis.Executable(cli);
        return Task.FromResult(new CompatHarness(ModelStandIn.Start()));
    }

    /// <summary>A fresh throwaway home, deleted when the harness is disposed.</summary>
    public AgentHome NewHome()
    {
        var home = new AgentHome();
        _homes.Add(home);
        return home;
    }

    public ClaudeCli Claude(AgentHome home) => new(home, StandIn.BaseUrl);
    public CodexCli Codex(AgentHome home) => new(home, StandIn.BaseUrl);
    public OpencodeCli Opencode(AgentHome home) => new(home, StandIn.BaseUrl);
    public AcpxCli Acpx(AgentHome home) => new(home, StandIn.BaseUrl);
    public GeminiCli Gemini(AgentHome home) => new(home, StandIn.BaseUrl);

    /// <summary>An agent by CLI name: claude, codex, opencode, acpx or gemini.</summary>
    public AgentCli Cli(string name, AgentHome home) => name switch
    {
        "claude" => Claude(home),
        "codex" => Codex(home),
        "opencode" => Opencode(home),
        "acpx" => Acpx(home),
        "gemini" => Gemini(home),
        _ => throw new ArgumentOutOfRangeException(nameof(name), name, "unknown agent CLI"),
    };

    public async ValueTask DisposeAsync()
    {
        await StandIn.DisposeAsync();
        foreach (var home in _homes)
        {
            // A lingering acpx queue owner would recreate files in a deleted home.
            try { AcpxCli.WaitForQueueOwners(home.Path, TimeSpan.FromSeconds(30)); } catch (TimeoutException) { }
            home.Dispose();
        }
    }

    public void Dispose() => DisposeAsync().AsTask().GetAwaiter().GetResult();
}
