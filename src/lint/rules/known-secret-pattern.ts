import { redact } from '../redact.js';
import type { Dockerfile } from '../../dockerfile/dockerfile.js';
import { defineRule, type RuleContext } from '../rule.js';
import { isScannable, scanSecrets, stackFileName, stackText } from '../secrets/index.js';

export default defineRule({
  meta: {
    id: 'known-secret-pattern',
    description: 'No vendor token (AWS, GitHub, GitLab, Slack, Stripe, npm, OpenAI, Anthropic, Google, SendGrid, Twilio, private keys, JWTs) in stack.yaml, the Dockerfiles it builds, or any file git tracks.',
    category: 'secrets',
    severity: 'error',
    scopes: ['model', 'repository', 'dockerfile'],
    docs: {
      why:
        'Vendor tokens have fixed prefixes and shapes, which is why they are found within minutes of a push, by the vendors\' own scanners and by attackers\'. A token in any committed file (not just stack.yaml) is live until it is revoked, and deleting the line does not remove it from the history.',
      fix:
        'Revoke the token at the vendor first, then remove it from the file and keep the new one in the platform\'s secret store (list its name under `secrets:` of the service that uses it). For a Dockerfile, pass build-time tokens with `RUN --mount=type=secret`.\n\n' +
        '**What is scanned:** stack.yaml (all of it, comments included), the Dockerfiles the services build from, and every file git tracks under the project directory, except lock files (`package-lock.json`, `yarn.lock`, `go.sum`, ...), minified bundles and source maps, images, fonts and archives; the repository reader also skips binary files and files over 1 MiB. Untracked and ignored files are not read: they are not pushed (`secret-files-untracked` warns about untracked ones git does not ignore).\n\n' +
        '**Patterns** (each with a keyword that is searched for first, so files without one cost a single pass): AWS access key IDs (`AKIA`/`ASIA`...) and secret access keys (40 characters after an `aws...secret` name), GitHub (`ghp_`, `gho_`, `ghu_`, `ghs_`, `ghr_`, `github_pat_`), GitLab (`glpat-`), Slack tokens (`xoxb-`, `xoxp-`, ...) and webhook URLs, Stripe live keys (`sk_live_`, `rk_live_`), npm (`npm_`), OpenAI (`sk-proj-`, `sk-svcacct-`, `sk-admin-`, legacy `T3BlbkFJ` keys), Anthropic (`sk-ant-`), Google API keys (`AIza`), SendGrid (`SG.`), Twilio API keys (`SK` + 32 hex), PEM private keys, and JWTs.\n\n' +
        '**Deliberately not reported:** stand-ins rather than issued tokens (a run of one character such as `ghp_xxxx...`, alphabet or digit sequences, too few distinct characters, or `EXAMPLE` in the value, which covers AWS\'s documented `AKIAIOSFODNN7EXAMPLE`); a PEM block without a real body (the `-----BEGIN PRIVATE KEY-----\\n...` of a README); JWTs whose parts are not JSON, Supabase `anon` keys (publishable by design) and jwt.io\'s sample token; Google API keys assigned to a client-bundle variable (`NEXT_PUBLIC_*`, `VITE_*`, ...: Firebase and Maps browser keys are public). Stripe **test** keys (`sk_test_`) are a warning, and not reported at all in test files (`test/`, `tests/`, `__tests__/`, `fixtures/`, `*.test.*`, `*.spec.*`), where they belong. UUIDs and hashes in lock files never match a vendor shape, and lock files are not read anyway. Generic high-entropy strings are `high-entropy-literal`\'s (strict only).\n\n' +
        'The message shows the token\'s prefix and length (`ghp_R8mQ…(40 chars)`), never the token; code frames show the prefix and one `*` per hidden character.',
      bad: 'services:\n  api:\n    env:\n      GITHUB_TOKEN: ghp_R8mQ2xVt6LpZ9sKw3NcY7fHj1DgA5bEu4oTi',
      good: 'services:\n  api:\n    secrets: [GITHUB_TOKEN]',
      whenOff: 'Never. Suppress one line with a reason for a published test vector.',
    },
    peers: [
      'gitleaks aws-access-token', 'gitleaks github-pat', 'gitleaks gitlab-pat', 'gitleaks slack-bot-token', 'gitleaks slack-webhook-url', 'gitleaks stripe-access-token',
      'gitleaks npm-access-token', 'gitleaks openai-api-key', 'gitleaks anthropic-api-key', 'gitleaks gcp-api-key', 'gitleaks sendgrid-api-token', 'gitleaks twilio-api-key',
      'gitleaks private-key', 'gitleaks jwt', 'secretlint preset-recommend', 'detect-secrets AWSKeyDetector', 'detect-secrets GitHubTokenDetector',
      'detect-secrets PrivateKeyDetector', 'detect-secrets JwtTokenDetector', 'Checkov CKV_SECRET_2', 'Checkov CKV_SECRET_9', 'Checkov CKV_SECRET_13', 'Checkov CKV_SECRET_17',
    ],
    securitySeverity: 9,
  },
  // The Dockerfiles services build from, by path: scanned by `check`, after stack.yaml.
  state: () => ({ dockerfiles: new Map<string, Dockerfile>() }),
  service(ctx, { service }) {
    const dockerfile = ctx.dockerfile(service);
    if (dockerfile) ctx.state.dockerfiles.set(dockerfile.file, dockerfile);
  },
  check(ctx) {
    const scanned = new Set<string>();
    const stackFile = stackFileName(ctx);
    scanFile(ctx, stackFile, stackText(ctx), scanned, "list its name under `secrets:` and keep the value in the platform's secret store");
    for (const dockerfile of ctx.state.dockerfiles.values()) {
      scanFile(ctx, dockerfile.file, dockerfile.text, scanned, 'pass build-time tokens with `RUN --mount=type=secret`, and runtime ones through `secrets:` of the service');
    }
    const repo = ctx.repository();
    if (!repo) return;
    for (const path of repo.tracked) {
      if (scanned.has(path) || !isScannable(path)) continue;
      scanFile(ctx, path, repo.readText(path), scanned, "keep the value in the platform's secret store or an ignored .env file");
    }
  },
});

function scanFile(ctx: RuleContext<unknown>, file: string, text: string | undefined, scanned: Set<string>, where: string): void {
  if (scanned.has(file)) return;
  scanned.add(file);
  if (text === undefined) return;
  for (const m of scanSecrets(text, file)) {
    ctx.report({
      message: `${m.pattern.description} \`${redact(m.secret)}\` in ${file}`,
      at: { file, line: m.line, col: m.col, endLine: m.endLine, endCol: m.endCol, pointer: `secret:${m.pattern.id}` },
      secret: m.secret,
      key: m.pattern.id,
      ...(m.pattern.severity ? { severity: m.pattern.severity } : {}),
      hint: `revoke it at the vendor (it is readable by anyone with the repository, history included), remove it, and ${where}`,
    });
  }
}
