using System.CommandLine;
using SameSession.Core.Operations.Repair;
using SameSession.Core.Sessions;

namespace SameSession.Cli.Commands;

/// <summary>`samesession repair`: the CLI twin of Repair-AgentSession (all orphaned sessions, or the given ids).</summary>
internal sealed class RepairCommand : ICliCommand
{
    public Command Create()
    {
        var provider = new Option<AgentProvider[]>("--provider", "-p") { Description = "Only sessions of these agents; repeatable." };
        var id = new Option<string[]>("--id") { Description = "Only these orphaned sessions (wildcards allowed); repeatable." };
        var searchRoot = new Option<string>("--search-root") { Description = "Where to look for moved projects (default: your home directory)." };
        var content = new Option<bool>("--rewrite-content") { Description = "Also rewrite paths in text the model saw; never thinking." };
        var force = CliOptions.Force();
        var whatIf = CliOptions.WhatIf();
        var json = CliOptions.Json();
        var verbose = CliOptions.Verbose();
        var cmd = new Command("repair", "Find where orphaned sessions' projects went (git commit, remote, folder name) and move the sessions there.")
        {
            provider, id, searchRoot, content, force, whatIf, json, verbose,
        };
        cmd.SetAction(pr => CliRunner.Run(pr.GetValue(json), static c => c.IReadOnlyListMoveResult, () =>
        {
            var env = AgentEnvironment.Current;
            var observer = new CliObserver(Console.Error, pr.GetValue(whatIf), pr.GetValue(verbose));
            var query = new SessionQuery { Providers = pr.GetValue(provider) ?? [], Ids = pr.GetValue(id) ?? [], Orphaned = true };
            var sessions = new SessionCatalog(env).Find(query, observer);
            return new RepairOperation(env, observer).Run(new RepairRequest
            {
                Sessions = sessions, SearchRoot = pr.GetValue(searchRoot), Force = pr.GetValue(force), RewriteContent = pr.GetValue(content),
            });
        }, MoveResultsOutput.Print, MoveResultsOutput.ExitCode));
        return cmd;
    }
}
