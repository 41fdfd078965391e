using SameSession.FixtureGen;
using SameSession.Tests.Compat.Harness;
using SameSession.Tests.Compat.Harness.StandIn;

// Usage: dotnet run --project tests/FixtureGen -- [claude|codex|opencode|acpx|gemini ...]   (default: all)
//        dotnet run --project tests/FixtureGen -- serve   (run the stand-in alone; Enter prints what it saw)
if (args is ["serve"])
{
    await using var standIn = ModelStandIn.Start();
    Console.WriteLine(standIn.BaseUrl);
    while (Console.ReadLine() is not null)
        foreach (var r in standIn.Requests)
            Console.WriteLine($"{r.Sequence} {r.Method} {r.PathAndQuery} {r.Api} n={r.MessageCount} '{r.ReplyText}'");
    return 0;
}

Generator[] all = [new ClaudeGenerator(), new CodexGenerator(), new OpencodeGenerator(), new AcpxGenerator(), new GeminiGenerator()];
var chosen = args.Length == 0 ? all : all.Where(g => args.Contains(g.Provider)).ToArray();
if (chosen.Length == 0)
{
    Console.Error.WriteLine($"unknown provider; choose from: {string.Join(' ', all.Select(g => g.Provider))}");
    return 2;
}
await using var harness = await CompatHarness.StartAsync();
foreach (var generator in chosen)
{
    Console.WriteLine($"{generator.Provider} {generator.Version}:");
    generator.Generate(harness);
}
return 0;
