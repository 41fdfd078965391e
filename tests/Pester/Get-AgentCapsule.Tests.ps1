BeforeAll {
    Import-Module (Join-Path $PSScriptRoot '../../out/SameSession/SameSession.psd1') -Force
}

Describe 'Get-AgentCapsule' {
    BeforeAll {
        $script:saved = @($env:HOME, $env:XDG_CONFIG_HOME)
        $env:HOME = Join-Path $TestDrive 'me'
        $env:XDG_CONFIG_HOME = Join-Path $env:HOME '.config'
        $script:id = [guid]::NewGuid().ToString()
        $project = Join-Path $env:HOME 'src/api'
        $folder = Join-Path $env:HOME ('.claude/projects/' + ($project -replace '[^A-Za-z0-9]', '-'))
        New-Item -ItemType Directory -Force $project, $folder | Out-Null
        Set-Content (Join-Path $folder "$id.jsonl") ('{"type":"user","sessionId":"' + $id + '","cwd":"' + $project + '","message":{"role":"user","content":"hi"}}')
        $script:mine = New-SameSessionIdentity
        $script:theirs = New-SameSessionIdentity -Path (Join-Path $TestDrive 'theirs.txt')
        $script:capsule = Join-Path $TestDrive 's.capsule'
        Get-AgentSession -Provider ClaudeCode | Export-AgentSession -Path $capsule -Recipient $mine.Recipient, $theirs.Recipient -Armor
    }
    AfterAll { $env:HOME, $env:XDG_CONFIG_HOME = $script:saved }

    It 'shows the header and, with my identity, the manifest' {
        $c = Get-AgentCapsule -Path $capsule
        $c | Should -BeOfType 'SameSession.Core.Operations.Inspect.CapsuleInfo'
        $c.Armored | Should -BeTrue
        $c.RecipientTypes | Should -Be @('X25519', 'X25519')
        $c.SessionId | Should -Be $id
        $c.Provider | Should -Be 'ClaudeCode'
    }

    It 'verifies every entry with -Verify' {
        (Get-Item $capsule | Get-AgentCapsule -Verify).Verified | Should -BeTrue
    }

    It 'shows only the header when my default identity cannot open it' {
        $solo = Join-Path $TestDrive 'solo.capsule'
        Get-AgentSession -Provider ClaudeCode | Export-AgentSession -Path $solo -Recipient $theirs.Recipient
        $c = Get-AgentCapsule -Path $solo
        $c.Manifest | Should -BeNullOrEmpty
        $c.RecipientTypes.Count | Should -Be 1
    }

    It 'lists the members of a bundle' {
        $bundle = Join-Path $TestDrive 'bundle.capsule'
        Get-AgentSession -Provider ClaudeCode | Export-AgentSession -Path $bundle -Bundle -Recipient $mine.Recipient
        $c = Get-AgentCapsule -Path $bundle -Verify
        $c.IsBundle | Should -BeTrue
        $c.Manifest | Should -BeNullOrEmpty
        $c.Members.SessionId | Should -Contain $id
        $c.Members.Verified | Should -Not -Contain $false
    }
}
