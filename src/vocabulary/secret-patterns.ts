// Vendor token formats: a fixed prefix and shape give near-zero false positives (gitleaks,
// secretlint preset-recommend, detect-secrets). Each pattern lists keywords: the text is scanned
// once for all of them, and a pattern's regular expression runs only when one of its keywords
// occurs (gitleaks' prefilter), so a file with no token costs one pass.
import { looksFabricated, shannonEntropy } from './entropy.js';
import { isClientPublicName } from './secret-names.js';

export interface SecretPattern {
  /** Stable id: the finding's `key`, so it is part of the baseline fingerprint. */
  id: string;
  /** What the token is, for messages: `GitHub personal access token`. */
  description: string;
  /** Case-sensitive substrings one of which every match contains. */
  keywords: readonly string[];
  /** Global; the secret is the `secret` group when there is one, else the whole match. */
  regex: RegExp;
  /** Below the rule's level: test-mode keys. */
  severity?: 'warn' | 'info';
  /** The part after the fixed prefix, checked for stand-ins like `xxxxxxxx` (default: everything after the first `_`/`-`). */
  body?: (secret: string) => string;
  /** Extra allowlist: `false` drops the match. */
  accept?: (m: { secret: string; line: string; file: string }) => boolean;
}

/** Files under test folders or named `*.test.*`/`*.spec.*`. */
export const isTestPath = (file: string): boolean =>
  /(^|\/)(test|tests|__tests__|spec|specs|fixture|fixtures|testdata|__mocks__|mocks)\//i.test(file) || /\.(test|spec)\.[a-z0-9]+$/i.test(file);

const after = (n: number) => (s: string) => s.slice(n);
const TAIL = '(?![A-Za-z0-9_-])';

/** A JWT whose header and payload decode to JSON objects; the payload is returned. */
function jwtPayload(token: string): Record<string, unknown> | undefined {
  const [header, payload] = token.split('.');
  try {
    const decode = (s: string) => JSON.parse(Buffer.from(s, 'base64url').toString('utf8')) as unknown;
    const h = decode(header!);
    const p = decode(payload!);
    if (typeof h !== 'object' || h === null || !('alg' in h) || typeof p !== 'object' || p === null) return undefined;
    return p as Record<string, unknown>;
  } catch {
    return undefined;
  }
}

/** The name assigned on the line before the token (`NEXT_PUBLIC_FIREBASE_KEY=`, `VITE_MAPS_KEY: `). */
const assignedName = (line: string, secret: string): string | undefined => {
  const before = line.slice(0, Math.max(0, line.indexOf(secret)));
  return /([A-Za-z_][A-Za-z0-9_]*)["']?\s*[:=]\s*["']?\s*$/.exec(before)?.[1];
};

export const SECRET_PATTERNS: readonly SecretPattern[] = [
  {
    id: 'aws-access-key-id',
    description: 'AWS access key ID',
    keywords: ['AKIA', 'ASIA', 'ABIA', 'ACCA'],
    regex: /\b(?:AKIA|ASIA|ABIA|ACCA)[A-Z2-7]{16}\b/g,
    body: after(4),
  },
  {
    id: 'aws-secret-access-key',
    description: 'AWS secret access key',
    keywords: ['aws', 'AWS', 'Aws'],
    regex: /(?:aws|AWS|Aws)[\w.-]{0,20}?(?:secret|SECRET|Secret)[\w.-]{0,20}?["']?\s*[:=]\s*["']?(?<secret>[A-Za-z0-9/+]{40})(?![A-Za-z0-9/+=])/g,
    body: (s) => s,
    accept: ({ secret }) => shannonEntropy(secret) >= 3.5,
  },
  { id: 'github-pat', description: 'GitHub personal access token', keywords: ['ghp_'], regex: /\bghp_[A-Za-z0-9]{36}\b/g },
  { id: 'github-oauth-token', description: 'GitHub OAuth access token', keywords: ['gho_'], regex: /\bgho_[A-Za-z0-9]{36}\b/g },
  { id: 'github-app-token', description: 'GitHub App token', keywords: ['ghu_', 'ghs_'], regex: /\bgh[us]_[A-Za-z0-9]{36}\b/g },
  { id: 'github-refresh-token', description: 'GitHub refresh token', keywords: ['ghr_'], regex: /\bghr_[A-Za-z0-9]{36}\b/g },
  { id: 'github-fine-grained-pat', description: 'GitHub fine-grained personal access token', keywords: ['github_pat_'], regex: /\bgithub_pat_[A-Za-z0-9]{22}_[A-Za-z0-9]{59}\b/g, body: after(11) },
  { id: 'gitlab-pat', description: 'GitLab personal access token', keywords: ['glpat-'], regex: new RegExp(`\\bglpat-[A-Za-z0-9_-]{20,}${TAIL}`, 'g') },
  { id: 'slack-token', description: 'Slack token', keywords: ['xoxb-', 'xoxa-', 'xoxp-', 'xoxr-', 'xoxs-'], regex: /\bxox[baprs]-(?:[0-9]{10,13}-){1,3}[A-Za-z0-9]{24,34}\b/g, body: (s) => s.slice(s.lastIndexOf('-') + 1) },
  {
    id: 'slack-webhook-url',
    description: 'Slack incoming webhook URL',
    keywords: ['hooks.slack.com'],
    regex: /(?:https?:\/\/)?hooks\.slack\.com\/(?:services|workflows|triggers)\/[A-Za-z0-9+/]{43,56}/g,
    body: (s) => s.slice(s.lastIndexOf('/') + 1),
  },
  { id: 'stripe-secret-key', description: 'Stripe live secret key', keywords: ['sk_live_', 'rk_live_'], regex: /\b[sr]k_live_[A-Za-z0-9]{20,247}\b/g, body: after(8) },
  {
    id: 'stripe-test-key',
    description: 'Stripe test-mode secret key',
    keywords: ['sk_test_', 'rk_test_'],
    regex: /\b[sr]k_test_[A-Za-z0-9]{20,247}\b/g,
    severity: 'warn',
    body: after(8),
    // Test-mode keys in test fixtures are what they are for; anywhere else they still open the account's test data.
    accept: ({ file }) => !isTestPath(file),
  },
  // The deploy tokens of stackc's own platforms. Fly: `fly tokens create` prints `fo1_…` (an org or
  // session token) or `FlyV1 fm2_…` macaroons; DigitalOcean: personal (`dop_v1_`), OAuth (`doo_v1_`)
  // and refresh (`dor_v1_`) tokens. Railway and Vercel tokens have no recognisable form (a UUID, 24
  // random characters), so only their names (`RAILWAY_TOKEN`, `VERCEL_TOKEN`) tell.
  { id: 'flyio-token', description: 'Fly.io access token', keywords: ['fo1_', 'fm1', 'fm2_'], regex: new RegExp(`\\b(?:fo1_[\\w-]{43}|fm1[ar]_[A-Za-z0-9+/]{100,}={0,3}|fm2_[A-Za-z0-9+/]{100,}={0,3})${TAIL}`, 'g'), body: after(4) },
  { id: 'digitalocean-token', description: 'DigitalOcean token', keywords: ['dop_v1_', 'doo_v1_', 'dor_v1_'], regex: /\bdo[opr]_v1_[a-f0-9]{64}\b/g, body: after(7) },
  { id: 'npm-token', description: 'npm access token', keywords: ['npm_'], regex: /\bnpm_[A-Za-z0-9]{36}\b/g },
  {
    id: 'openai-api-key',
    description: 'OpenAI API key',
    keywords: ['sk-proj-', 'sk-svcacct-', 'sk-admin-', 'T3BlbkFJ'],
    regex: new RegExp(`\\bsk-(?:proj|svcacct|admin)-[A-Za-z0-9_-]{40,}${TAIL}|\\bsk-[A-Za-z0-9]{20,}T3BlbkFJ[A-Za-z0-9]{20,}\\b`, 'g'),
    body: (s) => s.slice(s.indexOf('-', 3) + 1),
  },
  { id: 'anthropic-api-key', description: 'Anthropic API key', keywords: ['sk-ant-'], regex: new RegExp(`\\bsk-ant-(?:api|admin)\\d{2}-[A-Za-z0-9_-]{80,}${TAIL}`, 'g'), body: after(14) },
  {
    id: 'google-api-key',
    description: 'Google API key',
    keywords: ['AIza'],
    regex: new RegExp(`\\bAIza[0-9A-Za-z_-]{35}${TAIL}`, 'g'),
    body: after(4),
    // Firebase and Maps browser keys are public by design when they are given to the client bundle.
    accept: ({ secret, line }) => {
      const name = assignedName(line, secret);
      return !(name && isClientPublicName(name));
    },
  },
  { id: 'sendgrid-api-key', description: 'SendGrid API key', keywords: ['SG.'], regex: new RegExp(`\\bSG\\.[A-Za-z0-9_-]{22}\\.[A-Za-z0-9_-]{43}${TAIL}`, 'g'), body: after(3) },
  { id: 'twilio-api-key', description: 'Twilio API key', keywords: ['SK'], regex: /\bSK[0-9a-f]{32}\b/g, body: after(2) },
  {
    id: 'private-key',
    description: 'private key',
    keywords: ['PRIVATE KEY'],
    regex: /-----BEGIN[ A-Z0-9_-]{0,100}PRIVATE KEY(?: BLOCK)?-----[\s\S]*?-----END[ A-Z0-9_-]{0,100}PRIVATE KEY(?: BLOCK)?-----/g,
    // A real key has a body; a README's `-----BEGIN PRIVATE KEY-----\n...\n-----END...` does not (secretlint #1235).
    body: (s) => s.replace(/-----[^-]+-----/g, '').replace(/\\n|\\r|\s|"|'|,|\+$/g, ''),
    accept: ({ secret }) => {
      const body = secret.replace(/-----[^-]+-----/g, '').replace(/^[A-Za-z-]+:.*$/gm, '').replace(/\\n|\\r|\s|"|'/g, '');
      return !body.includes('...') && (body.match(/[A-Za-z0-9+/]/g)?.length ?? 0) >= 64 && shannonEntropy(body) > 4;
    },
  },
  {
    id: 'jwt',
    description: 'JSON Web Token',
    keywords: ['eyJ'],
    regex: new RegExp(`\\beyJ[A-Za-z0-9_-]{10,}\\.eyJ[A-Za-z0-9_-]{10,}\\.[A-Za-z0-9_-]{10,}${TAIL}`, 'g'),
    body: (s) => s.split('.')[2] ?? s,
    accept: ({ secret }) => {
      const payload = jwtPayload(secret);
      if (!payload) return false;
      // Supabase's `anon` key is a publishable JWT; jwt.io's sample token is in every tutorial.
      if (payload.role === 'anon') return false;
      return !(payload.sub === '1234567890' && payload.name === 'John Doe');
    },
  },
];

export interface SecretMatch {
  pattern: SecretPattern;
  secret: string;
  /** Offset of the secret in the text. */
  index: number;
  /** 1-based position of the secret's first character, and the end (exclusive column). */
  line: number;
  col: number;
  endLine: number;
  endCol: number;
}

const defaultBody = (secret: string): string => secret.slice(Math.max(secret.indexOf('_'), secret.indexOf('-')) + 1);

/**
 * The patterns one of whose keywords occurs in a text, in `patterns`' order. Every keyword of every
 * pattern is in one expression, in a lookahead so that overlapping occurrences (`ACCAIza`: `ACCA`
 * and `AIza`) are all found: one pass over the text instead of one per keyword, three times faster
 * on a repository's 10 MB of tracked text. At each position the expression takes the longest
 * keyword there, which stands for every keyword it begins with as well.
 */
export function candidateFinder(patterns: readonly SecretPattern[]): (text: string) => SecretPattern[] {
  const keywords = [...new Set(patterns.flatMap((p) => p.keywords))].sort((a, b) => b.length - a.length);
  const search = new RegExp(`(?=(${keywords.map(literally).join('|')}))`, 'g');
  const patternsOf = new Map(keywords.map((k) => [k, patterns.filter((p) => p.keywords.some((own) => k.startsWith(own)))]));
  return (text) => {
    const found = new Set<SecretPattern>();
    for (const m of text.matchAll(search)) for (const pattern of patternsOf.get(m[1]!)!) found.add(pattern);
    return found.size === 0 ? [] : patterns.filter((p) => found.has(p));
  };
}

const literally = (text: string): string => text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

/** The built-in patterns whose keywords occur in `text`: the ones `scanSecrets` runs. */
export const candidatesIn = candidateFinder(SECRET_PATTERNS);

/** Every vendor token in `text` (project-relative `file` feeds the per-pattern allowlists), in text order. */
export function scanSecrets(text: string, file = ''): SecretMatch[] {
  const candidates = candidatesIn(text);
  if (candidates.length === 0) return [];
  let starts: number[] | undefined;
  const position = (offset: number): { line: number; col: number } => {
    starts ??= lineStarts(text);
    let lo = 0;
    let hi = starts.length - 1;
    while (lo < hi) {
      const mid = (lo + hi + 1) >> 1;
      if (starts[mid]! <= offset) lo = mid;
      else hi = mid - 1;
    }
    return { line: lo + 1, col: offset - starts[lo]! + 1 };
  };
  const out: SecretMatch[] = [];
  const taken: [number, number][] = [];
  for (const pattern of candidates) {
    pattern.regex.lastIndex = 0;
    for (const m of text.matchAll(pattern.regex)) {
      const secret = m.groups?.secret ?? m[0];
      const index = m.index + (m.groups?.secret ? m[0].lastIndexOf(secret) : 0);
      if (taken.some(([s, e]) => index < e && index + secret.length > s)) continue; // one token, one finding
      const body = (pattern.body ?? defaultBody)(secret);
      if (pattern.id !== 'private-key' && looksFabricated(body)) continue;
      const start = position(index);
      const lineText = text.slice(index - start.col + 1, text.indexOf('\n', index) < 0 ? text.length : text.indexOf('\n', index));
      if (pattern.accept && !pattern.accept({ secret, line: lineText, file })) continue;
      const end = position(index + secret.length);
      taken.push([index, index + secret.length]);
      out.push({ pattern, secret, index, line: start.line, col: start.col, endLine: end.line, endCol: end.col });
    }
  }
  return out.sort((a, b) => a.index - b.index);
}

function lineStarts(text: string): number[] {
  const starts = [0];
  for (let i = text.indexOf('\n'); i >= 0; i = text.indexOf('\n', i + 1)) starts.push(i + 1);
  return starts;
}
