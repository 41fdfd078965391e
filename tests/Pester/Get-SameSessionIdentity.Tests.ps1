BeforeAll {
    Import-Module (Join-Path $PSScriptRoot '../../out/SameSession/SameSession.psd1') -Force
}

Describe 'Get-SameSessionIdentity' {
    BeforeAll {
        $script:path = Join-Path $TestDrive 'id.txt'
        $script:created = New-SameSessionIdentity -Path $script:path
    }

    It 'returns the recipient and hides the secret by default' {
        $r = Get-SameSessionIdentity -Path $script:path
        $r.Recipient | Should -Be $script:created.Recipient
        $r.Type | Should -Be 'X25519'
        $r.Secret | Should -BeNullOrEmpty
        ($r | Out-String) | Should -Not -Match 'AGE-SECRET-KEY'
    }

    It 'returns the secret only with -IncludeSecret' {
        (Get-SameSessionIdentity -Path $script:path -IncludeSecret).Secret | Should -Match '^AGE-SECRET-KEY-1[0-9A-Z]{58}$'
    }

    It 'takes the path from New-SameSessionIdentity output by property name' {
        ($script:created | Get-SameSessionIdentity).Recipient | Should -Be $script:created.Recipient
    }

    It 'fails with PathNotFound for a missing file' {
        { Get-SameSessionIdentity -Path (Join-Path $TestDrive 'none.txt') -ErrorAction Stop } | Should -Throw -ErrorId 'PathNotFound*'
    }
}
