using System.CommandLine;

namespace SameSession.Cli;

/// <summary>One top-level `samesession` command. Program finds every implementation by reflection.</summary>
internal interface ICliCommand
{
    Command Create();
}
