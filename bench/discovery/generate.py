#!/usr/bin/env python3
"""Generates a synthetic HOME with coding-agent sessions for the discovery benchmark.

Shapes follow the real fixtures (tests/fixtures/<provider>/<version>) and the formats doc:
Claude Code transcripts, Codex rollouts + state_5.sqlite, opencode.db (schema taken from the opencode fixture
dump), acpx session records + streams, and Gemini chat JSONL files.

usage: generate.py HOME [--sessions 10000] [--total-mb 2048] [--seed 1]
"""
import argparse, json, os, random, sqlite3, uuid
from datetime import datetime, timedelta, timezone

REPO = os.path.abspath(os.path.join(os.path.dirname(__file__), "..", ".."))
OPENCODE_DUMP = os.path.join(REPO, "tests/fixtures/opencode/1.18.33/home/.local/share/opencode/opencode.db.sql")
SHARES = {"claude": 0.40, "codex": 0.30, "opencode": 0.10, "acpx": 0.10, "gemini": 0.10}
WORDS = ("the parser fails when the input has a trailing comma so we add a test and fix the tokenizer "
         "then run the suite again and check the coverage report for src/lib/parse.ts line 120 ").split()


_TEXT = None


def filler(rng, n):
    """A slice of a prebuilt block of prose with line breaks and quotes (so JSON escapes occur)."""
    global _TEXT
    if _TEXT is None:
        r = random.Random(0)
        words = [WORDS[r.randrange(len(WORDS))] for _ in range(400_000)]
        _TEXT = " ".join(words).replace("line 120", 'line 120\n  "quoted"')
    n = min(n, len(_TEXT) - 1)
    start = rng.randrange(len(_TEXT) - n)
    return _TEXT[start:start + n]


def iso(t):
    return t.astimezone(timezone.utc).strftime("%Y-%m-%dT%H:%M:%S.") + f"{t.microsecond // 1000:03d}Z"


def dumps(o):
    return json.dumps(o, ensure_ascii=False, separators=(",", ":"))


def claude_folder(cwd):
    return "".join(c if c.isascii() and c.isalnum() else "-" for c in cwd)


def sizes(rng, count, total):
    raw = [rng.choice((0.2, 0.2, 0.2, 0.2, 0.2, 0.2, 0.2, 1.5, 1.5, 1.5, 1.5, 8.0)) * rng.uniform(0.5, 1.5) for _ in range(count)]
    scale = total / sum(raw)
    return [max(2000, int(r * scale)) for r in raw]


def gen_claude(home, rng, dirs, targets, t0):
    root = os.path.join(home, ".claude", "projects")
    for i, target in enumerate(targets):
        sid = str(uuid.UUID(int=rng.getrandbits(128), version=4))
        cwd = dirs[i % len(dirs)]
        folder = os.path.join(root, claude_folder(cwd))
        os.makedirs(folder, exist_ok=True)
        t = t0 + timedelta(minutes=i)
        env = {"userType": "external", "entrypoint": "cli", "cwd": cwd, "sessionId": sid, "version": "2.1.328", "gitBranch": "main"}
        lines = [dumps({"type": "queue-operation", "operation": "enqueue", "timestamp": iso(t), "sessionId": sid, "content": "fix the parser"})]
        size, turn, parent = len(lines[0]), 0, None
        while size < target:
            turn += 1
            t += timedelta(seconds=30)
            u = str(uuid.uuid4())
            user = {"parentUuid": parent, "isSidechain": False, "type": "user", "message": {"role": "user", "content": f"turn {turn}: {filler(rng, 120)}"}, "uuid": u, "timestamp": iso(t), **env}
            mid = f"msg_{uuid.uuid4().hex[:24]}"
            a1 = {"parentUuid": u, "isSidechain": False, "message": {"id": mid, "type": "message", "role": "assistant", "model": "claude-opus-5-5", "content": [{"type": "thinking", "thinking": filler(rng, 300), "signature": "sig"}]}, "requestId": "req_1", "type": "assistant", "uuid": str(uuid.uuid4()), "timestamp": iso(t), **env}
            a2 = {"parentUuid": a1["uuid"], "isSidechain": False, "message": {"id": mid, "type": "message", "role": "assistant", "model": "claude-opus-5-5", "content": [{"type": "tool_use", "id": "toolu_1", "name": "Read", "input": {"file_path": cwd + "/src/a.ts"}}]}, "requestId": "req_1", "type": "assistant", "uuid": str(uuid.uuid4()), "timestamp": iso(t), **env}
            out = filler(rng, min(60000, max(500, target // 6)))
            tr = {"parentUuid": a2["uuid"], "isSidechain": False, "type": "user", "message": {"role": "user", "content": [{"tool_use_id": "toolu_1", "type": "tool_result", "content": out}]}, "uuid": str(uuid.uuid4()), "timestamp": iso(t), "toolUseResult": {"type": "text", "file": {"filePath": cwd + "/src/a.ts", "content": out[:2000]}}, **env}
            for o in (user, a1, a2, tr):
                s = dumps(o); lines.append(s); size += len(s) + 1
            parent = tr["uuid"]
        lines.append(dumps({"type": "ai-title", "aiTitle": f"Fix parser {i}", "sessionId": sid}))
        with open(os.path.join(folder, sid + ".jsonl"), "w", encoding="utf-8") as f:
            f.write("\n".join(lines) + "\n")


def gen_codex(home, rng, dirs, targets, t0):
    codex = os.path.join(home, ".codex")
    rows = []
    for i, target in enumerate(targets):
        tid = str(uuid.UUID(int=rng.getrandbits(128), version=4))
        cwd = dirs[(i * 7) % len(dirs)]
        t = t0 + timedelta(minutes=i)
        day = os.path.join(codex, "sessions", t.strftime("%Y"), t.strftime("%m"), t.strftime("%d"))
        os.makedirs(day, exist_ok=True)
        path = os.path.join(day, f"rollout-{t.strftime('%Y-%m-%dT%H-%M-%S')}-{tid}.jsonl")
        n = 0

        def line(kind, payload):
            nonlocal n
            n += 1
            return dumps({"timestamp": iso(t), "ordinal": n - 1, "type": kind, "payload": payload})

        lines = [line("session_meta", {"session_id": tid, "id": tid, "timestamp": iso(t), "cwd": cwd, "originator": "codex_exec", "cli_version": "0.169.0", "source": "exec", "model_provider": "mock", "base_instructions": {"text": filler(rng, 2000)}, "git": {"branch": "main"}})]
        lines.append(line("response_item", {"type": "message", "id": "m0", "role": "user", "content": [{"type": "input_text", "text": f"<environment_context>\n  <cwd>{cwd}</cwd>\n</environment_context>"}]}))
        size, turn, first = sum(len(x) for x in lines), 0, None
        while size < target:
            turn += 1
            t += timedelta(seconds=20)
            prompt = f"turn {turn}: {filler(rng, 100)}"
            first = first or prompt
            out = filler(rng, min(60000, max(500, target // 5)))
            batch = [
                line("turn_context", {"turn_id": f"t{turn}", "cwd": cwd, "approval_policy": "never", "model": "mock-model"}),
                line("response_item", {"type": "message", "id": f"u{turn}", "role": "user", "content": [{"type": "input_text", "text": prompt}]}),
                line("event_msg", {"type": "item_completed", "thread_id": tid, "turn_id": f"t{turn}", "item": {"type": "UserMessage", "id": f"u{turn}", "content": [{"type": "text", "text": prompt}]}}),
                line("response_item", {"type": "function_call", "name": "shell", "arguments": dumps({"command": ["cat", "src/a.ts"], "workdir": cwd}), "call_id": f"c{turn}"}),
                line("response_item", {"type": "function_call_output", "call_id": f"c{turn}", "output": out}),
                line("response_item", {"type": "message", "id": f"a{turn}", "role": "assistant", "content": [{"type": "output_text", "text": filler(rng, 200)}]}),
                line("event_msg", {"type": "item_completed", "thread_id": tid, "turn_id": f"t{turn}", "item": {"type": "AgentMessage", "id": f"a{turn}", "content": [{"type": "Text", "text": "done"}]}}),
            ]
            lines += batch
            size += sum(len(x) + 1 for x in batch)
        with open(path, "w", encoding="utf-8") as f:
            f.write("\n".join(lines) + "\n")
        created = int((t0 + timedelta(minutes=i)).timestamp())
        rows.append((tid, path, created, int(t.timestamp()), cwd, first or "", "0.169.0", first or "", created * 1000, int(t.timestamp()) * 1000))
    db = sqlite3.connect(os.path.join(codex, "state_5.sqlite"))
    db.executescript("""PRAGMA journal_mode=WAL;
        CREATE TABLE threads (id TEXT PRIMARY KEY, rollout_path TEXT NOT NULL, created_at INTEGER NOT NULL, updated_at INTEGER NOT NULL,
          source TEXT NOT NULL DEFAULT 'exec', model_provider TEXT NOT NULL DEFAULT 'mock', cwd TEXT NOT NULL, title TEXT NOT NULL,
          sandbox_policy TEXT NOT NULL DEFAULT '', approval_mode TEXT NOT NULL DEFAULT 'never', tokens_used INTEGER NOT NULL DEFAULT 0,
          has_user_event INTEGER NOT NULL DEFAULT 0, archived INTEGER NOT NULL DEFAULT 0, archived_at INTEGER, git_sha TEXT, git_branch TEXT,
          git_origin_url TEXT, cli_version TEXT NOT NULL DEFAULT '', first_user_message TEXT NOT NULL DEFAULT '', created_at_ms INTEGER, updated_at_ms INTEGER);""")
    db.executemany("INSERT INTO threads (id, rollout_path, created_at, updated_at, cwd, title, cli_version, first_user_message, created_at_ms, updated_at_ms) VALUES (?,?,?,?,?,?,?,?,?,?)", rows)
    db.commit(); db.close()


def gen_opencode(home, rng, dirs, targets, t0):
    data = os.path.join(home, ".local", "share", "opencode")
    os.makedirs(data, exist_ok=True)
    schema = "\n".join(l for l in open(OPENCODE_DUMP, encoding="utf-8").read().splitlines() if not l.startswith("INSERT INTO"))
    db = sqlite3.connect(os.path.join(data, "opencode.db"))
    db.executescript(schema)
    ms = int(t0.timestamp() * 1000)
    db.execute("INSERT OR IGNORE INTO project (id, worktree, vcs, time_created, time_updated, sandboxes) VALUES ('global', '/', NULL, ?, ?, '[]')", (ms, ms))
    for i, target in enumerate(targets):
        sid = "ses_" + uuid.uuid4().hex[:26]
        cwd = dirs[(i * 3) % len(dirs)]
        start = ms + i * 60000
        db.execute("""INSERT INTO session (id, project_id, slug, directory, title, version, cost, tokens_input, tokens_output, tokens_reasoning,
                      tokens_cache_read, tokens_cache_write, time_created, time_updated) VALUES (?, 'global', ?, ?, ?, '1.18.33', 0, 0, 0, 0, 0, 0, ?, ?)""",
                   (sid, f"slug-{i}", cwd, f"opencode session {i}", start, start + 3600000))
        size, turn = 0, 0
        while size < target:
            turn += 1
            for role in ("user", "assistant"):
                mid = "msg_" + uuid.uuid4().hex[:26]
                msg = {"role": role, "time": {"created": start}, "agent": "build"}
                if role == "assistant":
                    msg.update({"path": {"cwd": cwd, "root": "/"}, "modelID": "mock-model", "providerID": "mock", "finish": "stop"})
                db.execute("INSERT INTO message VALUES (?, ?, ?, ?, ?)", (mid, sid, start, start, dumps(msg)))
                text = filler(rng, min(60000, max(300, target // 4)) if role == "assistant" else 120)
                part = dumps({"type": "text", "text": text})
                db.execute("INSERT INTO part VALUES (?, ?, ?, ?, ?, ?)", ("prt_" + uuid.uuid4().hex[:26], mid, sid, start, start, part))
                size += len(part) + 200
    db.commit(); db.close()


def gen_acpx(home, rng, dirs, targets, t0):
    root = os.path.join(home, ".acpx", "sessions")
    os.makedirs(root, exist_ok=True)
    for i, target in enumerate(targets):
        rid = str(uuid.uuid4())
        cwd = dirs[(i * 5) % len(dirs)]
        t = t0 + timedelta(minutes=i)
        stream = os.path.join(root, rid + ".stream.ndjson")
        messages, lines, size, n = [], [], 0, 0
        while size < target:
            n += 1
            text = filler(rng, min(60000, max(300, target // 4)))
            messages.append({"User": {"id": str(uuid.uuid4()), "content": [{"Text": f"prompt {n}"}]}})
            messages.append({"Agent": {"content": [{"Text": text[:500]}]}})
            l = dumps({"jsonrpc": "2.0", "method": "session/update", "params": {"sessionId": rid, "update": {"sessionUpdate": "agent_message_chunk", "content": {"type": "text", "text": text}}}})
            lines.append(l); size += len(l) + 1
        with open(stream, "w", encoding="utf-8") as f:
            f.write("\n".join(lines) + "\n")
        record = {"schema": "acpx.session.v1", "acpx_record_id": rid, "acp_session_id": rid, "agent_command": "npx -y opencode-ai acp",
                  "cwd": cwd, "name": None, "created_at": iso(t), "last_used_at": iso(t + timedelta(minutes=5)), "updated_at": iso(t + timedelta(minutes=5)),
                  "title": f"acpx session {i}", "closed": True, "pid": None,
                  "event_log": {"active_path": stream, "segment_count": 1, "max_segment_bytes": 67108864, "max_segments": 5},
                  "messages": messages}
        with open(os.path.join(root, rid + ".json"), "w", encoding="utf-8") as f:
            f.write(dumps(record))


def gen_gemini(home, rng, dirs, targets, t0):
    gem = os.path.join(home, ".gemini")
    registry = {}
    for i, target in enumerate(targets):
        cwd = dirs[(i * 11) % len(dirs)]
        slug = registry.setdefault(cwd, "".join(c if c.isalnum() else "-" for c in os.path.basename(cwd).lower()).strip("-") + f"-{len(registry)}")
        chats = os.path.join(gem, "tmp", slug, "chats")
        if not os.path.isdir(chats):
            os.makedirs(chats)
            with open(os.path.join(gem, "tmp", slug, ".project_root"), "w", encoding="utf-8") as f:
                f.write(cwd)
        sid = str(uuid.uuid4())
        t = t0 + timedelta(minutes=i)
        lines = [dumps({"sessionId": sid, "projectHash": uuid.uuid4().hex * 2, "startTime": iso(t), "lastUpdated": iso(t + timedelta(minutes=9)), "kind": "main"})]
        size, n = len(lines[0]), 0
        while size < target:
            n += 1
            for typ, text in (("user", f"prompt {n}"), ("gemini", filler(rng, min(60000, max(300, target // 4))))):
                l = dumps({"id": str(uuid.uuid4()), "timestamp": iso(t), "type": typ, "content": [{"text": text}]})
                lines.append(l); size += len(l) + 1
        with open(os.path.join(chats, f"session-{t.strftime('%Y-%m-%dT%H-%M')}-{sid[:8]}.jsonl"), "w", encoding="utf-8") as f:
            f.write("\n".join(lines) + "\n")
    with open(os.path.join(gem, "projects.json"), "w", encoding="utf-8") as f:
        f.write(dumps({"projects": registry}))


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("home")
    ap.add_argument("--sessions", type=int, default=10000)
    ap.add_argument("--total-mb", type=int, default=2048)
    ap.add_argument("--seed", type=int, default=1)
    a = ap.parse_args()
    rng = random.Random(a.seed)
    home = os.path.abspath(a.home)
    dirs = []
    for i in range(300):
        d = os.path.join(home, "src", f"proj{i % 60}", *(["sub"] * (i // 60)))
        if i % 10 == 0:
            d = os.path.join(home, "src", f"gone{i}")  # orphaned: never created
        elif i % 17 == 0:
            d = os.path.join(home, "src", f"proj ünï {i}")
            os.makedirs(d, exist_ok=True)
        else:
            os.makedirs(d, exist_ok=True)
        dirs.append(d)
    t0 = datetime(2026, 9, 1, tzinfo=timezone.utc)
    total = a.total_mb * 1024 * 1024
    for name, gen in (("claude", gen_claude), ("codex", gen_codex), ("opencode", gen_opencode), ("acpx", gen_acpx), ("gemini", gen_gemini)):
        count = max(1, int(a.sessions * SHARES[name]))
        gen(home, rng, dirs, sizes(rng, count, total * SHARES[name]), t0)
        print(f"  {name}: {count} sessions", flush=True)


if __name__ == "__main__":
    main()
