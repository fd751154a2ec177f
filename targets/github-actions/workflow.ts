// The shape of a workflow file as the target builds it, and its serialization: the generated
// header, the notes (what runs when, secrets to configure), then the YAML. Keys are written in the
// order GitHub's documentation lists them, so every generated workflow reads the same way.
import { commentLines, generatedHeader } from '../../src/emit/serialize/header.js';
import { compact, toYaml } from '../../src/emit/serialize/yaml.js';
import { Scalar as YamlScalar } from 'yaml';
import { shellQuote } from '../../src/emit/text.js';
import { ACTIONS, pinnedTag } from './actions.js';

export type Scalar = string | number | boolean;

export interface Step {
  name?: string;
  id?: string;
  if?: string;
  uses?: string;
  with?: Record<string, Scalar>;
  env?: Record<string, string>;
  'working-directory'?: string;
  run?: string;
  /** Only in the user's own steps (`targets.github-actions.patches`). */
  shell?: string;
  'continue-on-error'?: boolean;
  'timeout-minutes'?: number;
}

export interface ServiceContainer {
  image: string;
  env?: Record<string, string>;
  ports?: string[];
  options?: string;
}

export interface Job {
  name?: string;
  needs?: string[];
  if?: string;
  uses?: string;
  with?: Record<string, Scalar>;
  /** The secrets a called workflow gets: exactly those its `workflow_call` declares. */
  secrets?: Record<string, string>;
  permissions?: Record<string, 'read' | 'write' | 'none'>;
  'runs-on'?: string;
  environment?: { name: string; url?: string };
  concurrency?: Concurrency;
  outputs?: Record<string, string>;
  'timeout-minutes'?: number;
  env?: Record<string, string>;
  defaults?: { run: { 'working-directory': string } };
  services?: Record<string, ServiceContainer>;
  steps?: Step[];
}

/**
 * A shell word for a `run:` script, quoted for the shell and kept from GitHub Actions, which
 * evaluates every `${{ ... }}` in a script before the shell runs: a value holding one (a Railway
 * reference variable, `${{Postgres.DATABASE_URL}}`) is split between two quoted strings
 * (`'$''{{...}}'`), which the shell joins back.
 */
export const runWord = (word: string): string => shellQuote(word).replace(/\$\{\{/g, () => "$''{{");

/** A concurrency group: at most one running and one pending run or job per group; `cancel-in-progress` may be an expression. */
export interface Concurrency {
  group: string;
  'cancel-in-progress': boolean | string;
}

export interface Workflow {
  name: string;
  on: Record<string, unknown>;
  permissions: Record<string, 'read' | 'write' | 'none'>;
  concurrency: Concurrency;
  jobs: Record<string, Job>;
}

/** `${{ secrets.NAME }}` */
export const secret = (name: string): string => `\${{ secrets.${name} }}`;

/** Checks the repository out without leaving its token in .git/config for later steps. */
export const checkout = (extra: Record<string, Scalar> = {}): Step => ({ name: 'Check out the repository', uses: ACTIONS.checkout, with: { 'persist-credentials': false, ...extra } });

const JOB_KEYS = ['name', 'needs', 'if', 'uses', 'with', 'secrets', 'permissions', 'runs-on', 'environment', 'concurrency', 'outputs', 'timeout-minutes', 'env', 'defaults', 'services', 'steps'] as const;
const STEP_KEYS = ['name', 'id', 'if', 'uses', 'with', 'env', 'working-directory', 'shell', 'continue-on-error', 'timeout-minutes', 'run'] as const;

/** The object's keys in a fixed order, undefined values dropped. */
function ordered<T extends object>(object: T, keys: readonly string[]): T {
  const record = object as Record<string, unknown>;
  return compact(Object.fromEntries(keys.map((k) => [k, record[k]]))) as T;
}

/** A step's `uses:` from the actions table, with its release tag in a comment after the commit: `<repo>@<sha> # v7.0.1`. */
function withTag(step: Step): Step {
  const tag = step.uses === undefined ? undefined : pinnedTag(step.uses);
  if (tag === undefined) return step;
  return { ...step, uses: Object.assign(new YamlScalar(step.uses), { comment: ` ${tag}` }) as unknown as string };
}

export function renderWorkflow(workflow: Workflow, notes: readonly string[], stackFile: string): string {
  const jobs = Object.fromEntries(Object.entries(workflow.jobs).map(([id, job]) => [id, ordered({ ...job, steps: job.steps?.map((s) => ordered(withTag(s), STEP_KEYS)) }, JOB_KEYS)]));
  const body = { name: workflow.name, on: workflow.on, permissions: workflow.permissions, concurrency: workflow.concurrency, jobs };
  // Notes quote stack.yaml (branch names, tag patterns): a line break in one must not end the comment.
  return generatedHeader(stackFile) + commentLines(['', ...notes.map((n) => n.replace(/\s*[\r\n\u2028\u2029]+\s*/g, ' '))]) + toYaml(body);
}

/** The secrets a workflow reads, with what each one is, for its header. */
export class SecretList {
  private readonly entries = new Map<string, string>();

  use(name: string, about: string): string {
    if (!this.entries.has(name)) this.entries.set(name, about);
    return secret(name);
  }

  get names(): string[] {
    return [...this.entries.keys()].sort();
  }

  /** Name → what it is, in first-use order. */
  get all(): ReadonlyMap<string, string> {
    return this.entries;
  }

  /** Header lines, sorted by name. */
  lines(where: string): string[] {
    if (this.entries.size === 0) return ['Secrets: none.'];
    const width = Math.max(...this.names.map((n) => n.length));
    return [`Secrets (${where}):`, ...this.names.map((n) => `  ${n.padEnd(width)}  ${this.entries.get(n)}`)];
  }
}
