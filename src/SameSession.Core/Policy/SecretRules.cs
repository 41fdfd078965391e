using System.Text.RegularExpressions;

namespace SameSession.Core.Policy;

/// <summary>
/// The built-in rules. Each pins a vendor's documented token shape (fixed prefix, length, alphabet) with boundaries on
/// both sides, so prose that merely mentions a prefix ("use a ghp_ token") does not match. Private keys are handled
/// by <see cref="PemKeyDetector"/> because they span lines.
/// </summary>
public static class SecretRules
{
    private const string Before = "(?<![A-Za-z0-9_])";
    private const string After = "(?![A-Za-z0-9_])";
    private const RegexOptions Options = RegexOptions.CultureInvariant | RegexOptions.Compiled | RegexOptions.ExplicitCapture;

    private static SecretRule Rule(string id, string description, string pattern, params string[] anchors) =>
        new(id, description, new Regex(pattern, Options, TimeSpan.FromSeconds(2)), anchors);

    public const string PrivateKeyRule = "private-key";

    public static IReadOnlyList<SecretRule> All { get; } =
    [
        Rule("aws-access-key-id", "AWS access key id (long-term AKIA or temporary ASIA)", Before + "(AKIA|ASIA)[A-Z0-9]{16}" + After, "AKIA", "ASIA"),
        new("aws-secret-access-key", "AWS secret access key next to its name",
            new Regex("(aws_?secret_?access_?key|secret_?access_?key)[\"'\\s]*[:=]\\s*[\"']?(?<secret>[A-Za-z0-9/+]{40})(?![A-Za-z0-9/+=])", Options | RegexOptions.IgnoreCase, TimeSpan.FromSeconds(2)),
            // The regex ignores case; the anchors cover the spellings used in practice (snake, kebab, camel, upper).
            ["ecret_access_key", "ECRET_ACCESS_KEY", "ecret-access-key", "ecretaccesskey", "ecretAccessKey", "ECRETACCESSKEY"]),
        Rule("github-token", "GitHub token (ghp_, gho_, ghu_, ghs_, ghr_)", Before + "gh[pousr]_[A-Za-z0-9]{36,255}" + After, "ghp_", "gho_", "ghu_", "ghs_", "ghr_"),
        Rule("github-fine-grained-pat", "GitHub fine-grained personal access token", Before + "github_pat_[A-Za-z0-9]{22}_[A-Za-z0-9]{59}" + After, "github_pat_"),
        Rule("gitlab-token", "GitLab personal/project access token", Before + "glpat-[A-Za-z0-9_-]{20,}", "glpat-"),
        Rule("slack-token", "Slack token (xoxb, xoxp, xoxa, xoxo, xoxs, xoxr)", Before + "xox[abposr]-[0-9]+-[0-9A-Za-z-]{10,}", "xox"),
        Rule("slack-webhook", "Slack incoming webhook URL", "https://hooks\\.slack\\.com/services/T[A-Z0-9]{6,}/B[A-Z0-9]{6,}/[A-Za-z0-9]{20,}", "hooks.slack.com/services/"),
        Rule("stripe-live-key", "Stripe live secret or restricted key", Before + "(sk|rk)_live_[0-9A-Za-z]{24,}" + After, "sk_live_", "rk_live_"),
        Rule("google-api-key", "Google API key", Before + "AIza[0-9A-Za-z_-]{35}" + "(?![A-Za-z0-9_-])", "AIza"),
        Rule("google-oauth-client-secret", "Google OAuth client secret", Before + "GOCSPX-[A-Za-z0-9_-]{28}" + "(?![A-Za-z0-9_-])", "GOCSPX-"),
        Rule("anthropic-api-key", "Anthropic API key or OAuth token", Before + "sk-ant-[a-z]{2,8}[0-9]{0,3}-[A-Za-z0-9_-]{32,}", "sk-ant-"),
        Rule("openai-api-key", "OpenAI project, service-account or admin key", Before + "sk-(proj|svcacct|admin)-[A-Za-z0-9_-]{40,}", "sk-proj-", "sk-svcacct-", "sk-admin-"),
        Rule("openai-legacy-key", "OpenAI legacy user key (carries the T3BlbkFJ marker)", Before + "sk-[A-Za-z0-9]{20}T3BlbkFJ[A-Za-z0-9]{20}" + After, "T3BlbkFJ"),
        Rule("npm-token", "npm access token", Before + "npm_[A-Za-z0-9]{36}" + After, "npm_"),
        Rule("pypi-token", "PyPI API token", Before + "pypi-AgEIcHlwaS5vcmc[A-Za-z0-9_-]{50,}", "pypi-AgEIcHlwaS5vcmc"),
        Rule("huggingface-token", "Hugging Face access token", Before + "hf_[A-Za-z0-9]{34,40}" + After, "hf_"),
        Rule("azure-storage-key", "Azure storage account key in a connection string", "AccountKey=(?<secret>[A-Za-z0-9+/]{86}==)", "AccountKey="),
        Rule("twilio-api-key", "Twilio API key SID", Before + "SK[0-9a-f]{32}" + After, "SK"),
        Rule("sendgrid-api-key", "SendGrid API key", Before + "SG\\.[A-Za-z0-9_-]{22}\\.[A-Za-z0-9_-]{43}" + "(?![A-Za-z0-9_-])", "SG."),
        Rule("digitalocean-token", "DigitalOcean personal, OAuth or refresh token", Before + "do[opr]_v1_[a-f0-9]{64}" + After, "_v1_"),
        Rule("shopify-token", "Shopify access token", Before + "shp(at|ca|pa|ss)_[a-fA-F0-9]{32}" + After, "shpat_", "shpca_", "shppa_", "shpss_"),
        Rule("doppler-token", "Doppler token", Before + "dp\\.(pt|st|sa|ct|scim|audit)\\.[A-Za-z0-9]{40,}", "dp."),
        Rule("databricks-token", "Databricks personal access token", Before + "dapi[a-f0-9]{32}(-[0-9])?" + After, "dapi"),
        Rule("age-secret-key", "age X25519 identity", Before + "AGE-SECRET-KEY-1[QPZRY9X8GF2TVDW0S3JN54KHCE6MUA7L]{58}" + After, "AGE-SECRET-KEY-1"),
        Rule("jwt", "Signed JSON Web Token (header and payload both JSON objects)", Before + "eyJ[A-Za-z0-9_-]{10,}\\.eyJ[A-Za-z0-9_-]{10,}\\.[A-Za-z0-9_-]{20,}" + "(?![A-Za-z0-9_-])", "eyJ"),
    ];

    /// <summary>Which rules can match a text (declared after <see cref="All"/>: static fields initialise in order).</summary>
    internal static AnchorIndex Anchors { get; } = new(All);

    /// <summary>Every rule id, private keys included (for help text and allow-list validation).</summary>
    public static IReadOnlyList<string> Ids { get; } = [PrivateKeyRule, .. All.Select(r => r.Id)];
}
