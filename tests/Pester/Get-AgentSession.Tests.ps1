BeforeAll {
    Import-Module (Join-Path $PSScriptRoot '../../out/SameSession/SameSession.psd1') -Force

    function New-ClaudeTranscript([string]$ConfigDir, [string]$Cwd, [string]$Id, [string]$Prompt, [string]$Timestamp) {
        $folder = Join-Path $ConfigDir ('projects/' + ($Cwd -replace '[^A-Za-z0-9]', '-'))
        New-Item -ItemType Directory -Force -Path $folder | Out-Null
        $user = [ordered]@{ parentUuid = $null; isSidechain = $false; userType = 'external'; cwd = $Cwd; sessionId = $Id
            version = '2.1.328'; gitBranch = 'main'; type = 'user'; message = @{ role = 'user'; content = $Prompt }
            uuid = [guid]::NewGuid().ToString(); timestamp = $Timestamp }
        $assistant = [ordered]@{ parentUuid = $user.uuid; isSidechain = $false; userType = 'external'; cwd = $Cwd; sessionId = $Id
            version = '2.1.328'; gitBranch = 'main'
            message = @{ id = 'msg_1'; type = 'message'; role = 'assistant'; content = @(@{ type = 'text'; text = 'ok' }) }
            type = 'assistant'; uuid = [guid]::NewGuid().ToString(); timestamp = $Timestamp }
        $lines = @(($user | ConvertTo-Json -Compress -Depth 5), ($assistant | ConvertTo-Json -Compress -Depth 5))
        Set-Content -Path (Join-Path $folder "$Id.jsonl") -Value $lines
    }
}

Describe 'Get-AgentSession' {
    BeforeAll {
        $script:oldClaude = $env:CLAUDE_CONFIG_DIR
        $script:oldCodex = $env:CODEX_HOME
        $script:oldCache = $env:XDG_CACHE_HOME
        $env:XDG_CACHE_HOME = Join-Path $TestDrive 'cache'
        $env:CLAUDE_CONFIG_DIR = Join-Path $TestDrive 'claude'
        $env:CODEX_HOME = Join-Path $TestDrive 'codex-absent'
        $script:proj = New-Item -ItemType Directory -Path (Join-Path $TestDrive 'src/proj') -Force
        $script:projOld = Join-Path $TestDrive 'src/proj-old'
        New-ClaudeTranscript $env:CLAUDE_CONFIG_DIR $proj.FullName '5f0c1b2a-0000-4000-8000-000000000001' 'fix the parser' '2026-07-02T10:00:00.000Z'
        New-ClaudeTranscript $env:CLAUDE_CONFIG_DIR $projOld '6a0c1b2a-0000-4000-8000-000000000002' 'old work' '2026-07-01T10:00:00.000Z'
    }
    AfterAll {
        $env:CLAUDE_CONFIG_DIR = $script:oldClaude
        $env:CODEX_HOME = $script:oldCodex
        $env:XDG_CACHE_HOME = $script:oldCache
    }

    It 'caches descriptions in its own cache folder, and -NoCache neither reads nor writes it' {
        $cacheDir = Join-Path $env:XDG_CACHE_HOME 'samesession/catalog-v2'
        Remove-Item -Recurse -Force $cacheDir -ErrorAction SilentlyContinue
        $cold = Get-AgentSession -Provider ClaudeCode -NoCache
        Test-Path $cacheDir | Should -BeFalse
        $first = Get-AgentSession -Provider ClaudeCode
        Join-Path $cacheDir 'claude.facts' | Should -Exist
        $warm = Get-AgentSession -Provider ClaudeCode
        ($warm | ConvertTo-Json -Depth 3) | Should -Be ($cold | ConvertTo-Json -Depth 3)
        ($first | ConvertTo-Json -Depth 3) | Should -Be ($cold | ConvertTo-Json -Depth 3)
    }

    It 'returns typed sessions newest first' {
        $s = Get-AgentSession -Provider ClaudeCode
        $s | Should -HaveCount 2
        $s[0] | Should -BeOfType 'SameSession.Core.Sessions.AgentSession'
        $s[0].Id | Should -Be '5f0c1b2a-0000-4000-8000-000000000001'
        $s[0].MessageCount | Should -Be 2
        $s[0].Title | Should -Be 'fix the parser'
    }

    It 'filters by directory relative to the current location' {
        Push-Location (Join-Path $TestDrive 'src')
        try { (Get-AgentSession -FromDir ./proj).Id | Should -Be '5f0c1b2a-0000-4000-8000-000000000001' }
        finally { Pop-Location }
    }

    It 'matches directory wildcards and finds orphans' {
        (Get-AgentSession -FromDir (Join-Path $TestDrive 'src/proj*')) | Should -HaveCount 2
        (Get-AgentSession -Orphaned).Id | Should -Be '6a0c1b2a-0000-4000-8000-000000000002'
    }

    It 'returns the latest one with -Latest and accepts id wildcards' {
        (Get-AgentSession -Latest).Id | Should -Be '5f0c1b2a-0000-4000-8000-000000000001'
        (Get-AgentSession -Id '6A0C*').Title | Should -Be 'old work'
        Get-AgentSession -Search 'PARSER' | Should -HaveCount 1
    }

    It 'binds piped sessions by property name' {
        (Get-AgentSession -Id 5f0c* | Get-AgentSession).Id | Should -Be '5f0c1b2a-0000-4000-8000-000000000001'
    }

    It 'warns about a missing home only when that provider is asked for' {
        Get-AgentSession -Provider Codex -WarningVariable w -WarningAction SilentlyContinue | Should -BeNullOrEmpty
        $w | Should -Not -BeNullOrEmpty
        "$w" | Should -BeLike '*codex-absent*'
    }

    It 'completes -Id from discovered sessions' {
        $line = 'Get-AgentSession -Provider ClaudeCode -Id 5f'
        $r = TabExpansion2 -inputScript $line -cursorColumn $line.Length
        $r.CompletionMatches.CompletionText | Should -Contain '5f0c1b2a-0000-4000-8000-000000000001'
    }

    It 'uses the table view' {
        (Get-AgentSession -Latest | Format-Table | Out-String) | Should -Match 'Messages'
    }
}
