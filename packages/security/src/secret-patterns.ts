/**
 * Credentials recognisable by their format alone, wherever they appear and whatever key
 * holds them. Each pattern keeps its kind's prefix (group 1) so a reader still sees what
 * was there, and masks the rest. Every quantifier is bounded and each start is anchored
 * by a look-behind, so hostile input stays linear.
 */
export interface SecretPattern {
  /** What the credential is, and where its format is documented. */
  name: string;
  /** Global; group 1 is kept, the rest of the match is masked. */
  pattern: RegExp;
}

// Not inside a longer identifier: `xghp_...` or `my_npm_...` is something else.
const START = '(?<![A-Za-z0-9_])';

export const SECRET_PATTERNS: readonly SecretPattern[] = [
  {
    // docs.github.com, "About authentication to GitHub": GitHub's token formats (ghp_, gho_, ghu_, ghs_, ghr_).
    name: 'GitHub token',
    pattern: new RegExp(`${START}(gh[pousr]_)[A-Za-z0-9]{36,251}`, 'g'),
  },
  {
    // Same page: fine-grained personal access tokens.
    name: 'GitHub fine-grained token',
    pattern: new RegExp(`${START}(github_pat_)[A-Za-z0-9_]{22,244}`, 'g'),
  },
  {
    // docs.gitlab.com, "GitLab token overview": token prefixes.
    name: 'GitLab token',
    pattern: new RegExp(
      `${START}(gl(?:pat|oas|dt|rt|cbt|ptt|ft|imt|agent|soat|ffct)-)[A-Za-z0-9_-]{20,255}`,
      'g',
    ),
  },
  {
    // api.slack.com, "Token types": bot, user, app-level and refresh tokens.
    name: 'Slack token',
    pattern: new RegExp(`${START}(xox[abeoprs]-|xapp-)[A-Za-z0-9-]{10,255}`, 'g'),
  },
  {
    // api.slack.com, "Sending messages using incoming webhooks": the URL is the credential.
    name: 'Slack webhook URL',
    pattern: /(hooks\.slack\.com\/(?:services|workflows|triggers)\/)[A-Za-z0-9_/-]{8,512}/g,
  },
  {
    // docs.aws.amazon.com, IAM "Unique identifiers": AKIA (access key), ASIA (temporary key).
    name: 'AWS access key id',
    pattern: new RegExp(`${START}(AKIA|ASIA)[A-Z0-9]{16}(?![A-Z0-9])`, 'g'),
  },
  {
    // docs.stripe.com, "API keys": secret and restricted keys.
    name: 'Stripe key',
    pattern: new RegExp(`${START}((?:sk|rk)_(?:live|test)_)[A-Za-z0-9]{10,247}`, 'g'),
  },
  {
    // docs.stripe.com, "Check the webhook signatures": signing secrets.
    name: 'Stripe webhook secret',
    pattern: new RegExp(`${START}(whsec_)[A-Za-z0-9+/=]{16,255}`, 'g'),
  },
  {
    // docs.npmjs.com, "About access tokens": npm_ followed by the token.
    name: 'npm token',
    pattern: new RegExp(`${START}(npm_)[A-Za-z0-9]{36,251}`, 'g'),
  },
  {
    // cloud.google.com, "Manage API keys": keys start with AIza.
    name: 'Google API key',
    pattern: new RegExp(`${START}(AIza)[A-Za-z0-9_-]{35}(?![A-Za-z0-9_-])`, 'g'),
  },
  {
    // RFC 7519 (JWT) in the compact form of RFC 7515 §7.1: base64url JSON header and
    // payload (both start `{"`, hence `eyJ`) and a signature, joined by dots.
    name: 'JSON Web Token',
    pattern: new RegExp(
      `${START}()eyJ[A-Za-z0-9_-]{4,8192}\\.eyJ[A-Za-z0-9_-]{4,8192}\\.[A-Za-z0-9_-]{0,8192}`,
      'g',
    ),
  },
];

/** Masks every credential `SECRET_PATTERNS` recognises in `text`, keeping its prefix. */
export function maskSecretPatterns(text: string, mask: string): string {
  let out = text;
  for (const { pattern } of SECRET_PATTERNS)
    out = out.replace(pattern, (_m, keep: string) => `${keep}${mask}`);
  return out;
}
