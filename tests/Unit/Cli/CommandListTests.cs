using SameSession.Cli;

namespace SameSession.Tests.Unit.Cli;

public sealed class CommandListTests
{
    [Fact]
    public void Program_lists_every_command_class_once()
    {
        var scanned = ImplementationScan.Of<ICliCommand>(typeof(Program).Assembly);
        Assert.Equal(8, scanned.Count);
        Assert.Equal(scanned, ImplementationScan.Sorted(Program.Commands));
        Assert.Equal(scanned.Count, Program.BuildRoot().Subcommands.Count);
    }
}
