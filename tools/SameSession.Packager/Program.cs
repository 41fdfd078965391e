using SameSession.Packager;

// The dotnet-driven build: `dotnet run --project tools/SameSession.Packager -- <build|package|clean> [--configuration C]`.
var task = args.FirstOrDefault(a => !a.StartsWith('-')) ?? "build";
var configuration = OptionValue(args, "--configuration") ?? "Release";
var repo = RepoLayout.Find();
try
{
    switch (task)
    {
        case "build":
            ModuleBuilder.Build(repo, configuration);
            break;
        case "package":
            ModuleBuilder.Build(repo, configuration);
            Console.WriteLine(ModulePackager.Zip(repo));
            break;
        case "clean":
            ModuleBuilder.Clean(repo);
            break;
        default:
            Console.Error.WriteLine($"unknown task '{task}': use build, package or clean");
            return 2;
    }
    return 0;
}
catch (BuildFailedException ex)
{
    Console.Error.WriteLine($"build failed: {ex.Message}");
    return 1;
}

static string? OptionValue(string[] args, string name)
{
    var i = Array.IndexOf(args, name);
    return i >= 0 && i + 1 < args.Length ? args[i + 1] : null;
}
