using System.CommandLine;
using SameSession.Core.Errors;
using SameSession.Core.Operations.Move;
using SameSession.Core.Relocation;
using SameSession.Core.Sessions;

namespace SameSession.Cli.Commands;

/// <summary>`samesession move`: the CLI twin of Move-AgentSession.</summary>
internal sealed class MoveCommand : ICliCommand
{
    public Command Create()
    {
        var destination = new Argument<string?>("destination") { Description = "The directory the sessions belong to from now on.", Arity = ArgumentArity.ZeroOrOne };
        var provider = new Option<AgentProvider[]>("--provider", "-p") { Description = "Only sessions of these agents; repeatable." };
        var id = new Option<string[]>("--id") { Description = "Session ids (wildcards allowed); repeat the option for more." };
        var fromDir = new Option<string[]>("--from-dir") { Description = "Sessions recorded in these directories (wildcards, ~); repeatable." };
        var map = new Option<string[]>("--map") { Description = "old=new root pair instead of a destination; repeatable. Without --id/--from-dir, moves every session under an old root." };
        var create = new Option<bool>("--create") { Description = "Create a missing destination directory." };
        var content = new Option<bool>("--rewrite-content") { Description = "Also rewrite paths in text the model saw (tool inputs and results, environment blocks); never thinking." };
        var force = CliOptions.Force();
        var whatIf = CliOptions.WhatIf();
        var json = CliOptions.Json();
        var verbose = CliOptions.Verbose();
        var cmd = new Command("move", "Rebind sessions to another directory (the CLI twin of Move-AgentSession); each session all-or-nothing, crash-safe.")
        {
            destination, provider, id, fromDir, map, create, content, force, whatIf, json, verbose,
        };
        cmd.SetAction(pr => CliRunner.Run(pr.GetValue(json), static c => c.IReadOnlyListMoveResult, () =>
        {
            var env = AgentEnvironment.Current;
            var observer = new CliObserver(Console.Error, pr.GetValue(whatIf), pr.GetValue(verbose));
            var dest = pr.GetValue(destination);
            var maps = pr.GetValue(map) ?? [];
            if ((dest is null) == (maps.Length == 0))
                throw new SameSessionException(ErrorIds.InvalidArgument, "Give a destination directory or --map old=new (not both).");
            var pathMap = maps.Length > 0 ? PathMapParser.FromAssignments(maps, env) : null;
            var ids = pr.GetValue(id) ?? [];
            var dirs = pr.GetValue(fromDir) ?? [];
            if (ids.Length == 0 && dirs.Length == 0 && pathMap is null)
                throw new SameSessionException(ErrorIds.InvalidArgument, "Choose the sessions with --id or --from-dir (or give --map to move every session under its old roots).");
            var query = new SessionQuery { Providers = pr.GetValue(provider) ?? [], Ids = ids, FromDirs = dirs, CurrentDirectory = Environment.CurrentDirectory };
            var sessions = new SessionCatalog(env).Find(query, observer)
                .Where(s => ids.Length > 0 || dirs.Length > 0 || (s.Directory is { } d && pathMap!.Matches(d)))
                .ToList();
            if (sessions.Count == 0)
                throw new SameSessionException(ErrorIds.SessionNotFound, "No session matches; list them with samesession list.");
            return new MoveOperation(env, observer).Run(new MoveRequest
            {
                Sessions = sessions, Destination = dest is null ? null : Path.GetFullPath(env.ExpandHome(dest)), Map = pathMap,
                Create = pr.GetValue(create), Force = pr.GetValue(force), RewriteContent = pr.GetValue(content),
            });
        }, MoveResultsOutput.Print, MoveResultsOutput.ExitCode));
        return cmd;
    }
}
