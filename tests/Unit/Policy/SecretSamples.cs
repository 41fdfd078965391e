namespace SameSession.Tests.Unit.Policy;

/// <summary>
/// Fake credentials of the right shapes, assembled at run time (never literal in the repository, so no scanner flags
/// this source) from a fixed pseudo-random sequence.
/// </summary>
internal static class SecretSamples
{
    public const string Upper = "ABCDEFGHIJKLMNOPQRSTUVWXYZ";
    public const string Lower = "abcdefghijklmnopqrstuvwxyz";
    public const string Digits = "0123456789";
    public const string Alnum = Upper + Lower + Digits;
    public const string Hex = "0123456789abcdef";
    public const string Bech32 = "qpzry9x8gf2tvdw0s3jn54khce6mua7l";

    public static string R(int length, string alphabet, int seed = 7)
    {
        var rng = new Random(seed + length);
        return new string(Enumerable.Range(0, length).Select(_ => alphabet[rng.Next(alphabet.Length)]).ToArray());
    }

    public static string Pem(string kind, int bodyLines = 6, string newline = "\n")
    {
        var lines = Enumerable.Range(0, bodyLines).Select(i => R(64, Alnum + "+/", i));
        return $"-----BEGIN {kind}-----{newline}{string.Join(newline, lines)}{newline}-----END {kind}-----";
    }

    /// <summary>(rule, true positive, near miss that must not match).</summary>
    public static TheoryData<string, string, string> Rules() => new()
    {
        { "aws-access-key-id", "AKIA" + R(16, Upper + Digits), "AKIA" + R(15, Upper + Digits) },
        { "aws-access-key-id", "ASIA" + R(16, Upper + Digits), "XASIA" + R(16, Upper + Digits) },
        { "aws-secret-access-key", "aws_secret_access_key = " + R(40, Alnum + "/+"), "aws_secret_access_key = " + R(39, Alnum) },
        { "aws-secret-access-key", "\"SecretAccessKey\": \"" + R(40, Alnum + "/+") + "\"", "\"SecretAccessKey\": \"" + R(41, Alnum) + "\"" },
        { "github-token", "ghp_" + R(36, Alnum), "ghp_" + R(20, Alnum) },
        { "github-token", "gho_" + R(36, Alnum), "ghx_" + R(36, Alnum) },
        { "github-token", "ghu_" + R(36, Alnum), "xghu_" + R(36, Alnum) },
        { "github-token", "ghs_" + R(36, Alnum), "ghs-" + R(36, Alnum) },
        { "github-token", "ghr_" + R(36, Alnum), "ghr_" + R(35, Alnum) },
        { "github-fine-grained-pat", "github_pat_" + R(22, Alnum) + "_" + R(59, Alnum), "github_pat_" + R(22, Alnum) + "_" + R(40, Alnum) },
        { "gitlab-token", "glpat-" + R(20, Alnum + "_-"), "glpat-" + R(12, Alnum) },
        { "slack-token", "xoxb-" + R(12, Digits) + "-" + R(12, Digits) + "-" + R(24, Alnum), "xoxb-your-token-here" },
        { "slack-token", "xoxp-" + R(11, Digits) + "-" + R(24, Alnum), "xoxz-" + R(11, Digits) + "-" + R(24, Alnum) },
        { "slack-webhook", "https://hooks.slack.com/services/T" + R(8, Upper + Digits) + "/B" + R(8, Upper + Digits) + "/" + R(24, Alnum), "https://hooks.slack.com/services/XXXX/YYYY/ZZZZ" },
        { "stripe-live-key", "sk_live_" + R(24, Alnum), "sk_test_" + R(24, Alnum) },
        { "stripe-live-key", "rk_live_" + R(30, Alnum), "rk_live_" + R(10, Alnum) },
        { "google-api-key", "AIza" + R(35, Alnum + "_-"), "AIza" + R(30, Alnum) },
        { "google-oauth-client-secret", "GOCSPX-" + R(28, Alnum), "GOCSPX-" + R(20, Alnum) },
        { "openai-api-key", "sk-proj-" + R(64, Alnum + "_-"), "sk-proj-" + R(20, Alnum) },
        { "openai-api-key", "sk-svcacct-" + R(60, Alnum), "sk-other-" + R(60, Alnum) },
        { "openai-legacy-key", "sk-" + R(20, Alnum) + "T3BlbkFJ" + R(20, Alnum), "sk-" + R(48, Lower) },
        { "anthropic-api-key", "sk-ant-api03-" + R(93, Alnum + "_-") + "AA", "sk-ant-" + R(20, Lower) },
        { "anthropic-api-key", "sk-ant-oat01-" + R(80, Alnum), "sk-ant-api03-short" },
        { "npm-token", "npm_" + R(36, Alnum), "npm_" + R(12, Alnum) },
        { "pypi-token", "pypi-AgEIcHlwaS5vcmc" + R(60, Alnum + "_-"), "pypi-" + R(60, Alnum) },
        { "huggingface-token", "hf_" + R(34, Alnum), "hf_model_weights_v2" },
        { "azure-storage-key", "DefaultEndpointsProtocol=https;AccountName=x;AccountKey=" + R(86, Alnum + "+/") + "==;EndpointSuffix=core.windows.net", "AccountKey=<your-key>" },
        { "twilio-api-key", "SK" + R(32, Hex), "SKU" + R(32, Hex) },
        { "sendgrid-api-key", "SG." + R(22, Alnum) + "." + R(43, Alnum + "_-"), "SG." + R(22, Alnum) },
        { "digitalocean-token", "dop_v1_" + R(64, Hex), "dop_v1_" + R(32, Hex) },
        { "shopify-token", "shpat_" + R(32, Hex), "shpat_" + R(32, Lower) },
        { "doppler-token", "dp.pt." + R(43, Alnum), "dp.pt.short" },
        { "databricks-token", "dapi" + R(32, Hex), "dapi" + R(31, Hex) },
        { "age-secret-key", "AGE-SECRET-KEY-1" + R(58, Bech32.ToUpperInvariant()), "AGE-SECRET-KEY-1" + R(20, Bech32.ToUpperInvariant()) },
        { "jwt", "eyJ" + R(20, Alnum) + ".eyJ" + R(40, Alnum) + "." + R(43, Alnum + "_-"), "eyJ" + R(20, Alnum) + ".notjson." + R(43, Alnum) },
        { "private-key", Pem("RSA PRIVATE KEY"), "-----BEGIN RSA PRIVATE KEY-----\nsee docs\n-----END RSA PRIVATE KEY-----" },
        { "private-key", Pem("OPENSSH PRIVATE KEY"), Pem("PUBLIC KEY") },
        { "private-key", Pem("EC PRIVATE KEY"), "if (line == \"-----BEGIN EC PRIVATE KEY-----\") parse();" },
        { "private-key", Pem("DSA PRIVATE KEY"), Pem("CERTIFICATE") },
        { "private-key", Pem("PRIVATE KEY"), "-----BEGIN PRIVATE KEY-----" + R(20, Alnum) + "-----END PRIVATE KEY-----" },
        { "private-key", Pem("ENCRYPTED PRIVATE KEY"), Pem("ENCRYPTED PUBLIC KEY") },
        { "private-key", Pem("PGP PRIVATE KEY BLOCK"), Pem("PGP PUBLIC KEY BLOCK") },
        { "private-key", Pem("OPENSSH PRIVATE KEY", newline: "\\n"), "\"-----BEGIN OPENSSH PRIVATE KEY-----\\n...\\n-----END OPENSSH PRIVATE KEY-----\"" },
        { "private-key", Pem("RSA PRIVATE KEY", newline: "\r\n"), "-----BEGIN RSA PRIVATE KEY-----\r\n" + R(30, Alnum) + "\r\n-----END RSA PRIVATE KEY-----" },
    };
}
