BeforeAll {
    Import-Module (Join-Path $PSScriptRoot '../../out/SameSession/SameSession.psd1') -Force
}

Describe 'Repair-AgentSession' {
    BeforeEach {
        $script:saved = @{ CLAUDE_CONFIG_DIR = $env:CLAUDE_CONFIG_DIR; CODEX_HOME = $env:CODEX_HOME; XDG_STATE_HOME = $env:XDG_STATE_HOME }
        $env:CLAUDE_CONFIG_DIR = Join-Path $TestDrive "claude-$([guid]::NewGuid())"
        $env:CODEX_HOME = Join-Path $TestDrive 'codex-absent'
        $env:XDG_STATE_HOME = Join-Path $TestDrive 'state'
        $script:root = (New-Item -ItemType Directory -Force -Path (Join-Path $TestDrive "projects-$([guid]::NewGuid())")).FullName
        $script:gone = Join-Path $root 'old/webapp'
        $script:found = (New-Item -ItemType Directory -Force -Path (Join-Path $root 'new/webapp')).FullName
        $script:id = [guid]::NewGuid().ToString()
        $folder = Join-Path $env:CLAUDE_CONFIG_DIR ('projects/' + ($gone -replace '[^A-Za-z0-9]', '-'))
        New-Item -ItemType Directory -Force -Path $folder | Out-Null
        $line = [ordered]@{ type = 'user'; sessionId = $id; cwd = $gone; timestamp = '2026-07-02T10:00:00.000Z'; message = @{ role = 'user'; content = 'hi' } }
        Set-Content -Path (Join-Path $folder "$id.jsonl") -Value ($line | ConvertTo-Json -Compress -Depth 5)
    }
    AfterEach {
        foreach ($k in $saved.Keys) { Set-Item "env:$k" -Value $saved[$k] }
    }

    It 'plans without changing anything under -WhatIf' {
        Get-AgentSession -Orphaned -Id $id | Repair-AgentSession -SearchRoot $root -WhatIf
        (Get-AgentSession -Id $id).Directory | Should -Be $gone
    }

    It 'moves an orphan to the folder that has its name' {
        $r = Get-AgentSession -Orphaned -Id $id | Repair-AgentSession -SearchRoot $root -PassThru
        $r.Status | Should -Be 'Moved'
        $r.NewDirectory | Should -Be $found
        $r.Reason | Should -BeLike '*folder name*'
        (Get-AgentSession -Id $id).IsOrphaned | Should -BeFalse
    }
}
