BeforeAll {
    Import-Module (Join-Path $PSScriptRoot '../../out/SameSession/SameSession.psd1') -Force

    function Use-Home([string]$Name) {
        $env:HOME = Join-Path $TestDrive $Name
        $env:XDG_CONFIG_HOME = Join-Path $env:HOME '.config'
        $env:XDG_STATE_HOME = Join-Path $env:HOME '.local/state'
        New-Item -ItemType Directory -Force $env:HOME | Out-Null
    }
}

Describe 'Import-AgentSession' {
    BeforeAll {
        $script:saved = @($env:HOME, $env:XDG_CONFIG_HOME, $env:XDG_STATE_HOME)
        # Bob makes his identity; alice exports her Claude session in ~/src/api to bob's recipient.
        Use-Home 'bob'
        $script:bobKey = New-SameSessionIdentity
        Use-Home 'alice'
        $script:id = [guid]::NewGuid().ToString()
        $project = Join-Path $env:HOME 'src/api'
        $folder = Join-Path $env:HOME ('.claude/projects/' + ($project -replace '[^A-Za-z0-9]', '-'))
        New-Item -ItemType Directory -Force $project, $folder | Out-Null
        Set-Content (Join-Path $folder "$id.jsonl") ('{"type":"user","sessionId":"' + $id + '","cwd":"' + $project + '","timestamp":"2026-11-21T10:00:00Z","message":{"role":"user","content":"hi"}}')
        $script:capsule = Join-Path $TestDrive 'alice.capsule'
        Get-AgentSession -Provider ClaudeCode | Export-AgentSession -Path $capsule -Recipient $bobKey.Recipient
        Use-Home 'bob'
    }
    AfterAll { $env:HOME, $env:XDG_CONFIG_HOME, $env:XDG_STATE_HOME = $script:saved }

    It 'writes nothing with -WhatIf' {
        Import-AgentSession -Path $capsule -WhatIf | Should -BeNullOrEmpty
        Test-Path (Join-Path $env:HOME '.claude/projects') | Should -BeFalse
    }

    It 'installs the session under bob''s home with his default identity, rebound to his directory' {
        $r = Get-Item $capsule | Import-AgentSession -PassThru
        $r | Should -BeOfType 'SameSession.Core.Operations.Import.ImportResult'
        $r.Changed | Should -BeTrue
        $r.Cwd | Should -Be (Join-Path $env:HOME 'src/api')
        $s = Get-AgentSession -Provider ClaudeCode -Id $id
        $s.Directory | Should -Be (Join-Path $env:HOME 'src/api')
    }

    It 'changes nothing when the same capsule is imported again' {
        (Import-AgentSession -Path $capsule -PassThru).Changed | Should -BeFalse
    }

    It 'forks under a new id with -NewId' {
        $r = Import-AgentSession -Path $capsule -NewId -PassThru
        $r.Id | Should -Not -Be $id
        (Get-AgentSession -Provider ClaudeCode -Id $r.Id).Directory | Should -Be (Join-Path $env:HOME 'src/api')
    }

    It 'fails with NoMatchingIdentity for a key that does not fit' {
        $other = Join-Path $TestDrive 'other.txt'
        New-SameSessionIdentity -Path $other | Out-Null
        { Import-AgentSession -Path $capsule -Identity $other -ErrorAction Stop } | Should -Throw -ErrorId 'NoMatchingIdentity*'
    }

    It 'installs every member of a bundle and reports each one' {
        Use-Home 'alice'
        $second = [guid]::NewGuid().ToString()
        $project = Join-Path $env:HOME 'src/web'
        $folder = Join-Path $env:HOME ('.claude/projects/' + ($project -replace '[^A-Za-z0-9]', '-'))
        New-Item -ItemType Directory -Force $project, $folder | Out-Null
        Set-Content (Join-Path $folder "$second.jsonl") ('{"type":"user","sessionId":"' + $second + '","cwd":"' + $project + '","timestamp":"2026-11-21T11:00:00Z","message":{"role":"user","content":"web"}}')
        $bundle = Join-Path $TestDrive 'alice-bundle.capsule'
        Get-AgentSession -Provider ClaudeCode | Export-AgentSession -Path $bundle -Bundle -Recipient $bobKey.Recipient
        Use-Home 'bob'
        $r = Import-AgentSession -Path $bundle -PassThru
        $r.Count | Should -Be 2
        (Get-AgentSession -Provider ClaudeCode -Id $second).Directory | Should -Be (Join-Path $env:HOME 'src/web')
    }
}
