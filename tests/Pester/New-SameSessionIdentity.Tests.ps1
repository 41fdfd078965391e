BeforeAll {
    Import-Module (Join-Path $PSScriptRoot '../../out/SameSession/SameSession.psd1') -Force
}

Describe 'New-SameSessionIdentity' {
    It 'creates an owner-only identity and returns its recipient without the secret' {
        $path = Join-Path $TestDrive 'id.txt'
        $r = New-SameSessionIdentity -Path $path
        $r | Should -BeOfType 'SameSession.Core.Operations.Identity.IdentityInfo'
        $r.Recipient | Should -Match '^age1[0-9a-z]{58}$'
        $r.Secret | Should -BeNullOrEmpty
        Get-Content $path | Should -Contain "# public key: $($r.Recipient)"
        if (-not $IsWindows) { (Get-Item $path).UnixFileMode.ToString() | Should -Be 'UserRead, UserWrite' }
    }

    It 'refuses to overwrite an existing identity' {
        $path = Join-Path $TestDrive 'keep.txt'
        New-SameSessionIdentity -Path $path | Out-Null
        $before = Get-Content -Raw $path
        { New-SameSessionIdentity -Path $path -ErrorAction Stop } | Should -Throw -ErrorId 'DestinationExists*'
        Get-Content -Raw $path | Should -Be $before
    }

    It 'writes nothing with -WhatIf' {
        $path = Join-Path $TestDrive 'whatif/id.txt'
        New-SameSessionIdentity -Path $path -WhatIf | Should -BeNullOrEmpty
        Test-Path $path | Should -BeFalse
    }

    It 'uses the per-user config folder by default' {
        $var = if ($IsWindows) { 'APPDATA' } else { 'XDG_CONFIG_HOME' }
        $old = [Environment]::GetEnvironmentVariable($var)
        try {
            $cfg = Join-Path $TestDrive 'cfg'
            [Environment]::SetEnvironmentVariable($var, $cfg)
            (New-SameSessionIdentity).Path | Should -Be (Join-Path (Join-Path $cfg 'samesession') 'identity.txt')
        } finally { [Environment]::SetEnvironmentVariable($var, $old) }
    }
}
