// Reads generated workflows as GitHub does for concurrency: which workflows a push or a pull
// request starts, the concurrency groups of each run (a called workflow's expressions evaluated in
// the caller's `github` context), and which claims on a group can cancel which. GitHub's rules
// (https://docs.github.com/en/actions/how-tos/write-workflows/choose-when-workflows-run/control-workflow-concurrency):
// at most one running and one pending run or job per group (groups compare case-insensitively); a
// newcomer cancels the pending one, and the running one too when its `cancel-in-progress` is true.
// Only a claim on the same group can cancel another.

type Dict = Record<string, unknown>;

/** The `github` context of a run: what the expressions here read. */
export interface GithubContext {
  workflow: string;
  event_name: 'push' | 'pull_request';
  ref: string;
  run_id: string;
  event: Dict;
}

// ---------------------------------------------------------------------------------------------
// Expressions: the subset the generated groups use (property access, literals, ==, !=, !, &&, ||,
// parentheses), with GitHub's semantics (&& and || yield an operand; == on strings ignores case).

type Value = string | number | boolean | null | Dict;

function tokenize(text: string): string[] {
  const tokens: string[] = [];
  const re = /\s*(==|!=|&&|\|\||[()!]|'(?:[^']|'')*'|[A-Za-z_][A-Za-z0-9_.-]*|\d+)/y;
  let at = 0;
  while (at < text.length) {
    if (/^\s*$/.test(text.slice(at))) break;
    re.lastIndex = at;
    const m = re.exec(text);
    if (!m) throw new Error(`cannot read the expression at: ${text.slice(at)}`);
    tokens.push(m[1]!);
    at = re.lastIndex;
  }
  return tokens;
}

const truthy = (v: Value): boolean => !(v === null || v === false || v === 0 || v === '');
const equal = (a: Value, b: Value): boolean => (typeof a === 'string' && typeof b === 'string' ? a.toLowerCase() === b.toLowerCase() : a === b);

/** Evaluates an expression; `inputs` is the `inputs` context (a called workflow's `with`, else empty). */
export function evaluate(expression: string, github: GithubContext, inputs: Dict = {}): Value {
  const tokens = tokenize(expression);
  let i = 0;
  const peek = () => tokens[i];
  const next = () => tokens[i++]!;
  const or = (): Value => {
    let left = and();
    while (peek() === '||') {
      next();
      const right = and();
      left = truthy(left) ? left : right;
    }
    return left;
  };
  const and = (): Value => {
    let left = comparison();
    while (peek() === '&&') {
      next();
      const right = comparison();
      left = truthy(left) ? right : left;
    }
    return left;
  };
  const comparison = (): Value => {
    const left = unary();
    if (peek() === '==' || peek() === '!=') {
      const op = next();
      const right = unary();
      return op === '==' ? equal(left, right) : !equal(left, right);
    }
    return left;
  };
  const unary = (): Value => {
    if (peek() === '!') {
      next();
      return !truthy(unary());
    }
    return primary();
  };
  const primary = (): Value => {
    const token = next();
    if (token === '(') {
      const value = or();
      if (next() !== ')') throw new Error(`unbalanced parentheses in ${expression}`);
      return value;
    }
    if (token.startsWith("'")) return token.slice(1, -1).replace(/''/g, "'");
    if (/^\d+$/.test(token)) return Number(token);
    if (token === 'true' || token === 'false') return token === 'true';
    if (token === 'null') return null;
    const [root, ...path] = token.split('.');
    if (root !== 'github' && root !== 'inputs') throw new Error(`context \`${root}\` is not modelled`);
    let value: unknown = root === 'github' ? github : inputs;
    for (const key of path) value = value && typeof value === 'object' ? (value as Dict)[key] : undefined;
    return (value ?? null) as Value;
  };
  const value = or();
  if (i !== tokens.length) throw new Error(`unread tokens in ${expression}`);
  return value;
}

/** A field that may hold `${{ }}`: a whole expression keeps its type, text around one is interpolated. */
export function interpolate(field: string | boolean, github: GithubContext, inputs: Dict = {}): string | boolean {
  if (typeof field === 'boolean') return field;
  const whole = /^\$\{\{(.*)\}\}$/s.exec(field);
  if (whole && !whole[1]!.includes('}}')) {
    const v = evaluate(whole[1]!, github, inputs);
    return typeof v === 'boolean' ? v : v === null ? '' : String(v);
  }
  return field.replace(/\$\{\{(.*?)\}\}/g, (_, e: string) => {
    const v = evaluate(e, github, inputs);
    return v === null ? '' : String(v);
  });
}

// ---------------------------------------------------------------------------------------------
// Triggers: GitHub's filter patterns (`*` stops at `/`, `**` does not)

function globToRegExp(pattern: string): RegExp {
  let re = '';
  for (let i = 0; i < pattern.length; i++) {
    const c = pattern[i]!;
    if (c === '*' && pattern[i + 1] === '*') {
      re += '.*';
      i++;
    } else if (c === '*') re += '[^/]*';
    else if (c === '?') re += '.';
    else re += c.replace(/[.+^${}()|[\]\\]/g, '\\$&');
  }
  return new RegExp(`^${re}$`);
}
const matchesAny = (patterns: readonly string[], name: string) => patterns.some((p) => globToRegExp(p).test(name));

export interface Event {
  event_name: 'push' | 'pull_request';
  /** refs/heads/<branch>, refs/tags/<tag>, or refs/pull/<n>/merge */
  ref: string;
  pullRequest?: number;
}

function triggers(on: Dict, event: Event): boolean {
  const filter = on[event.event_name] as Dict | null | undefined;
  if (filter === undefined) return false;
  if (event.event_name === 'pull_request') return true;
  const f = (filter ?? {}) as { branches?: string[]; 'branches-ignore'?: string[]; tags?: string[] };
  const branch = event.ref.startsWith('refs/heads/') ? event.ref.slice('refs/heads/'.length) : undefined;
  const tag = event.ref.startsWith('refs/tags/') ? event.ref.slice('refs/tags/'.length) : undefined;
  const branchFilter = f.branches !== undefined || f['branches-ignore'] !== undefined;
  const tagFilter = f.tags !== undefined;
  if (branch !== undefined) {
    if (!branchFilter) return !tagFilter;
    return f.branches ? matchesAny(f.branches, branch) : !matchesAny(f['branches-ignore']!, branch);
  }
  if (tag !== undefined) {
    if (!tagFilter) return !branchFilter;
    return matchesAny(f.tags!, tag);
  }
  return false;
}

// ---------------------------------------------------------------------------------------------
// Claims: each concurrency group a run or one of its jobs enters

export interface Claim {
  /** The run it belongs to: `<workflow file>#<run id>`. */
  run: string;
  /** The workflow file, and the event's ref. */
  file: string;
  ref: string;
  /** `workflow`, `ci` (the called ci.yml's workflow-level group), or `job:<id>`. */
  level: string;
  group: string;
  cancelInProgress: boolean;
}

export interface WorkflowDoc {
  name: string;
  on: Dict;
  concurrency?: { group: string; 'cancel-in-progress'?: boolean | string };
  jobs: Record<string, { uses?: string; with?: Dict; concurrency?: { group: string; 'cancel-in-progress'?: boolean | string } }>;
}

/** The `github` context of a run of the workflow that the event starts. */
const contextOf = (doc: WorkflowDoc, event: Event, runId: number): GithubContext => ({
  workflow: doc.name,
  event_name: event.event_name,
  ref: event.ref,
  run_id: String(runId),
  event: event.pullRequest ? { pull_request: { number: event.pullRequest } } : {},
});

export interface CalledRun {
  /** The workflow whose run it is: the called file itself, or the workflow that calls it. */
  file: string;
  /** The context its expressions read: the caller's `github`, and the `with` of the calling job. */
  github: GithubContext;
  inputs: Dict;
}

/**
 * The runs of workflow `path` the events start: its own (its `on` matches) and one for each job that
 * calls it (`uses: ./<path>`) in a workflow the event starts.
 */
export function runsOf(workflows: Record<string, WorkflowDoc>, path: string, events: readonly Event[]): CalledRun[] {
  const runs: CalledRun[] = [];
  let runId = 1000;
  for (const event of events) {
    for (const [file, doc] of Object.entries(workflows)) {
      if (!triggers(doc.on, event)) continue;
      const github = contextOf(doc, event, ++runId);
      if (file === path) runs.push({ file, github, inputs: {} });
      for (const job of Object.values(doc.jobs)) if (job.uses === `./${path}`) runs.push({ file, github, inputs: job.with ?? {} });
    }
  }
  return runs;
}

/**
 * The claims of the runs the events start, in order; each run gets a fresh run id.
 * @param workflows parsed workflow files by path (`.github/workflows/ci.yml` → document)
 */
export function claimsOf(workflows: Record<string, WorkflowDoc>, events: readonly Event[]): Claim[] {
  const claims: Claim[] = [];
  let runId = 1000;
  for (const event of events) {
    for (const [file, doc] of Object.entries(workflows)) {
      if (!triggers(doc.on, event)) continue;
      const github = contextOf(doc, event, ++runId);
      const run = `${file}#${github.run_id}`;
      const claim = (level: string, c: { group: string; 'cancel-in-progress'?: boolean | string }) =>
        claims.push({ run, file, ref: event.ref, level, group: String(interpolate(c.group, github)).toLowerCase(), cancelInProgress: interpolate(c['cancel-in-progress'] ?? false, github) === true });
      if (doc.concurrency) claim('workflow', doc.concurrency);
      for (const [id, job] of Object.entries(doc.jobs)) {
        if (job.concurrency) claim(`job:${id}`, job.concurrency);
        // A called workflow's concurrency is evaluated in the caller's context.
        const called = job.uses?.startsWith('./') ? workflows[job.uses.slice(2)] : undefined;
        if (called?.concurrency) claim('ci', called.concurrency);
      }
    }
  }
  return claims;
}

/** The claims of other runs that can cancel `claim` (same group; a pending claim is dropped by any newcomer). */
export const rivals = (claims: readonly Claim[], claim: Claim): Claim[] => claims.filter((c) => c.run !== claim.run && c.group === claim.group);
