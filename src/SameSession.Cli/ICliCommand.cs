using System.CommandLine;

namespace SameSession.Cli;

/// <summary>One top-level `samesession` command; each is listed in <see cref="Program.Commands"/>.</summary>
internal interface ICliCommand
{
    Command Create();
}
