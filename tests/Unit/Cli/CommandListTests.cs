using SameSession.Cli;

namespace SameSession.Tests.Unit.Cli;

public sealed class CommandListTests
{
    [Fact]
    public void Program_lists_every_command_class_once()
    {
        var listed = Program.Commands.Select(c => c.GetType()).OrderBy(t => t.FullName, StringComparer.Ordinal).ToList();
        var scanned = typeof(Program).Assembly.GetTypes()
            .Where(t => t is { IsAbstract: false, IsInterface: false } && typeof(ICliCommand).IsAssignableFrom(t))
            .OrderBy(t => t.FullName, StringComparer.Ordinal).ToList();
        Assert.NotEmpty(scanned);
        Assert.Equal(scanned, listed);
        Assert.Equal(listed.Count, Program.BuildRoot().Subcommands.Count);
    }
}
