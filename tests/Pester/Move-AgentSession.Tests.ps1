BeforeAll {
    Import-Module (Join-Path $PSScriptRoot '../../out/SameSession/SameSession.psd1') -Force

    function New-ClaudeTranscript([string]$ConfigDir, [string]$Cwd, [string]$Id) {
        $folder = Join-Path $ConfigDir ('projects/' + ($Cwd -replace '[^A-Za-z0-9]', '-'))
        New-Item -ItemType Directory -Force -Path $folder | Out-Null
        $user = [ordered]@{ type = 'user'; sessionId = $Id; cwd = $Cwd; uuid = [guid]::NewGuid().ToString()
            timestamp = '2026-07-02T10:00:00.000Z'; message = @{ role = 'user'; content = "work in $Cwd" } }
        Set-Content -Path (Join-Path $folder "$Id.jsonl") -Value ($user | ConvertTo-Json -Compress -Depth 5)
        Join-Path $folder "$Id.jsonl"
    }
}

Describe 'Move-AgentSession' {
    BeforeEach {
        $script:saved = @{ CLAUDE_CONFIG_DIR = $env:CLAUDE_CONFIG_DIR; CODEX_HOME = $env:CODEX_HOME; XDG_STATE_HOME = $env:XDG_STATE_HOME }
        $env:CLAUDE_CONFIG_DIR = Join-Path $TestDrive "claude-$([guid]::NewGuid())"
        $env:CODEX_HOME = Join-Path $TestDrive 'codex-absent'
        $env:XDG_STATE_HOME = Join-Path $TestDrive 'state'
        $script:old = (New-Item -ItemType Directory -Force -Path (Join-Path $TestDrive 'src/proj-old')).FullName
        $script:new = Join-Path $TestDrive 'src/proj'
        $script:id = [guid]::NewGuid().ToString()
        $script:file = New-ClaudeTranscript $env:CLAUDE_CONFIG_DIR $old $id
    }
    AfterEach {
        foreach ($k in $saved.Keys) { Set-Item "env:$k" -Value $saved[$k] }
    }

    It 'moves piped sessions to the destination and passes results through' {
        $r = Get-AgentSession -FromDir $old | Move-AgentSession -Destination $new -Create -PassThru
        $r | Should -BeOfType 'SameSession.Core.Operations.Move.MoveResult'
        $r.Status | Should -Be 'Moved'
        $r.NewDirectory | Should -Be $new
        (Get-AgentSession -Id $id).Directory | Should -Be $new
        Test-Path $file | Should -BeFalse
    }

    It 'changes nothing with -WhatIf' {
        Get-AgentSession -FromDir $old | Move-AgentSession -Destination $new -Create -WhatIf
        Test-Path $file | Should -BeTrue
        (Get-AgentSession -Id $id).Directory | Should -Be $old
    }

    It 'binds Provider and Id by property name' {
        [pscustomobject]@{ Provider = 'ClaudeCode'; Id = $id } | Move-AgentSession -Destination $new -Create
        (Get-AgentSession -Id $id).Directory | Should -Be $new
    }

    It 'takes a path map and keeps sub-directories' {
        $r = Get-AgentSession -Id $id | Move-AgentSession -PathMap @{ (Join-Path $TestDrive 'src') = (Join-Path $TestDrive 'code') } -Create -PassThru
        $r.NewDirectory | Should -Be (Join-Path $TestDrive 'code/proj-old')
    }

    It 'reports a missing destination as a PathNotFound error' {
        Get-AgentSession -Id $id | Move-AgentSession -Destination (Join-Path $TestDrive 'nowhere') -ErrorVariable err -ErrorAction SilentlyContinue
        $err[0].FullyQualifiedErrorId | Should -BeLike 'PathNotFound,*'
        Test-Path $file | Should -BeTrue
    }
}
