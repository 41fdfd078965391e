BeforeAll {
    Import-Module (Join-Path $PSScriptRoot '../../out/SameSession/SameSession.psd1') -Force

    # A Claude Code home with one session in ~/src/api, in a throwaway HOME.
    function New-ClaudeHome([string]$Root, [string]$Id, [string]$Text = 'hello') {
        $project = Join-Path $Root 'src/api'
        New-Item -ItemType Directory -Force $project | Out-Null
        $folder = Join-Path $Root ('.claude/projects/' + ($project -replace '[^A-Za-z0-9]', '-'))
        New-Item -ItemType Directory -Force $folder | Out-Null
        $lines = @(
            (@{ type = 'user'; sessionId = $Id; cwd = $project; uuid = [guid]::NewGuid().ToString(); timestamp = '2026-11-21T10:00:00Z'; version = '2.1.328'; message = @{ role = 'user'; content = $Text } } | ConvertTo-Json -Compress -Depth 5),
            (@{ type = 'assistant'; sessionId = $Id; cwd = $project; uuid = [guid]::NewGuid().ToString(); timestamp = '2026-11-21T10:00:01Z'; message = @{ role = 'assistant'; content = @(@{ type = 'text'; text = 'saw 1 messages' }) } } | ConvertTo-Json -Compress -Depth 5)
        )
        Set-Content -Path (Join-Path $folder "$Id.jsonl") -Value $lines
        $project
    }
}

Describe 'Export-AgentSession' {
    BeforeEach {
        $script:oldHome = $env:HOME
        $script:oldCfg = $env:XDG_CONFIG_HOME
        $env:HOME = Join-Path $TestDrive ([guid]::NewGuid().ToString('N').Substring(0, 8))
        $env:XDG_CONFIG_HOME = Join-Path $env:HOME '.config'
        $script:id = [guid]::NewGuid().ToString()
        New-ClaudeHome $env:HOME $script:id | Out-Null
        $script:key = New-SameSessionIdentity
    }
    AfterEach { $env:HOME = $script:oldHome; $env:XDG_CONFIG_HOME = $script:oldCfg }

    It 'exports a piped session to a recipient and returns the capsule with -PassThru' {
        $capsule = Join-Path $TestDrive 'one.capsule'
        $r = Get-AgentSession -Provider ClaudeCode -Latest | Export-AgentSession -Path $capsule -Recipient $key.Recipient -PassThru
        $r | Should -BeOfType 'SameSession.Core.Operations.Export.ExportResult'
        $r.Manifest.Session.NativeId | Should -Be $id
        $r.Manifest.Source.CwdRelativeToHome | Should -Be 'src/api'
        (Get-Item $capsule).Length | Should -Be $r.Size
        [IO.File]::ReadAllBytes($capsule)[0..20] | Should -Not -Contain ([byte][char]'{')
    }

    It 'binds Provider and Id by property name' {
        $capsule = Join-Path $TestDrive 'byid.capsule'
        [pscustomobject]@{ Provider = 'ClaudeCode'; Id = $id } | Export-AgentSession -Path $capsule -Recipient $key.Recipient
        Test-Path $capsule | Should -BeTrue
    }

    It 'refuses a session holding a secret and writes nothing' {
        $f = Get-ChildItem -Recurse (Join-Path $env:HOME '.claude/projects') -Filter "$id.jsonl"
        Add-Content $f.FullName ('{"type":"user","sessionId":"' + $id + '","message":{"content":"ghp_' + ('a1B2c3D4' * 4) + 'zZ9y"}}')
        $capsule = Join-Path $TestDrive 'secret.capsule'
        { Get-AgentSession -Provider ClaudeCode | Export-AgentSession -Path $capsule -Recipient $key.Recipient -ErrorAction Stop } | Should -Throw -ErrorId 'SecretFound*'
        Test-Path $capsule | Should -BeFalse
    }

    It 'writes nothing with -WhatIf' {
        $capsule = Join-Path $TestDrive 'whatif.capsule'
        Get-AgentSession -Provider ClaudeCode | Export-AgentSession -Path $capsule -Recipient $key.Recipient -WhatIf
        Test-Path $capsule | Should -BeFalse
    }

    It 'refuses -Format Acpx for a session that is not an acpx session' {
        $out = Join-Path $TestDrive 'claude.json'
        { Get-AgentSession -Provider ClaudeCode | Export-AgentSession -Path $out -Format Acpx -ErrorAction Stop } | Should -Throw -ErrorId 'UnsupportedFormat*'
        Test-Path $out | Should -BeFalse
    }
}

Describe 'Export-AgentSession -Format Acpx' {
    BeforeEach {
        $script:oldHome = $env:HOME
        $env:HOME = Join-Path $TestDrive ([guid]::NewGuid().ToString('N').Substring(0, 8))
        $script:project = Join-Path $env:HOME 'src/api'
        $sessions = Join-Path $env:HOME '.acpx/sessions'
        New-Item -ItemType Directory -Force $project, $sessions | Out-Null
        $script:rid = 'ses_' + [guid]::NewGuid().ToString('N').Substring(0, 26)
        $record = [ordered]@{
            schema = 'acpx.session.v1'; acpx_record_id = $rid; acp_session_id = $rid; agent_command = 'npx -y opencode-ai acp'
            cwd = $project; name = $null; created_at = '2026-11-21T10:00:00.000Z'; last_used_at = '2026-11-21T10:01:00.000Z'
            event_log = [ordered]@{ active_path = (Join-Path $sessions "$rid.stream.ndjson"); segment_count = 1; max_segment_bytes = 67108864; max_segments = 5 }
            closed = $false; messages = @(@{ User = @{ id = 'u1'; content = @(@{ Text = 'hello acpx' }) } })
        }
        Set-Content -Path (Join-Path $sessions "$rid.json") -Value ($record | ConvertTo-Json -Depth 8)
        Set-Content -Path (Join-Path $sessions "$rid.stream.ndjson") -Value '{"jsonrpc":"2.0","id":1,"method":"session/new","params":{}}'
    }
    AfterEach { $env:HOME = $script:oldHome }

    It 'writes acpx''s own archive, and Import-AgentSession installs it in another home' {
        $archive = Join-Path $TestDrive 'acpx.json'
        $r = Get-AgentSession -Provider Acpx | Export-AgentSession -Path $archive -Format Acpx -PassThru
        $r.Path | Should -Be $archive
        $json = Get-Content $archive -Raw | ConvertFrom-Json
        $json.format_version | Should -Be 1
        $json.session.record_id | Should -Be $rid
        $json.session.cwd_relative | Should -Be 'src/api'
        $json.history.Count | Should -Be 1

        $env:HOME = Join-Path $TestDrive ([guid]::NewGuid().ToString('N').Substring(0, 8))
        $imported = Import-AgentSession -Path $archive -PassThru
        $imported.Cwd | Should -Be (Join-Path $env:HOME 'src/api')
        $s = Get-AgentSession -Provider Acpx
        $s.Id | Should -Be $imported.Id
        $s.Directory | Should -Be (Join-Path $env:HOME 'src/api')
        (Import-AgentSession -Path $archive -PassThru).Changed | Should -BeFalse
    }
}
