// What generated configuration must never do, checked on parsed artifacts: workflows that
// interpolate untrusted event text into shell scripts, grant more than they need or run unpinned
// actions; containers that run as root without being asked to, or may gain privileges.
// Used by emitted-safety.test.ts (every fixture) and the property tests (generated stacks).
import { parseAllDocuments } from 'yaml';
import type { Artifact } from '../../src/emit/target.js';
import type { Stack } from '../../src/model/stack.js';
import { ACTIONS, pinnedTag } from '../../targets/github-actions/actions.js';

type Obj = Record<string, any>; // eslint-disable-line @typescript-eslint/no-explicit-any

const docs = (a: Artifact): Obj[] => parseAllDocuments(a.content).map((d) => d.toJS() as Obj).filter(Boolean);

/**
 * Expression contexts whose text an outsider can choose (a pull request's title or branch name,
 * an issue comment, a commit message, a dispatch input): in a `run:` script they are shell
 * injection. stackc's workflows pass such values through `env:` when they need them.
 */
const UNTRUSTED = /\$\{\{[^}]*\b(github\.event\.|github\.head_ref|inputs\.|steps\.[^}]*\.outputs|needs\.[^}]*\.outputs)/;
/** Contexts safe to interpolate (values an outsider cannot choose). Anything else in a script is flagged too. */
const SAFE = /^\$\{\{\s*(secrets\.[A-Z0-9_]+|vars\.[A-Z0-9_]+|env\.[A-Z0-9_]+|github\.(sha|run_id|run_number|run_attempt|repository|repository_owner|workspace|server_url|actor_id))\s*\}\}$/;

/** A command that installs packages (and so runs their install scripts), or an action that does. */
const INSTALLS = /\b(npm|pnpm|yarn|bun|pip3?|pipx|gem|bundle|go|cargo|brew|apt-get|apt)\b[^\n]*\b(install|ci|add|get)\b|\bnpx\b/;

/** Write permissions a generated job may hold, and why. */
const WRITE_SCOPES: Record<string, string> = { packages: 'pushing images to GHCR', 'id-token': 'OIDC login to a cloud', deployments: 'deployment statuses' };

const PINNED = new Set<string>(Object.values(ACTIONS));

/**
 * @param userActions the `uses:` of the steps stack.yaml adds (`targets.github-actions.patches`):
 * the user's choice, not stackc's table (lint's `actions-pinned` holds them to a commit).
 */
export function workflowProblems(a: Artifact, userActions: ReadonlySet<string> = new Set()): string[] {
  const problems: string[] = [];
  for (const w of docs(a)) {
    const trigger = w.on ?? w.true ?? {};
    const events = typeof trigger === 'string' ? [trigger] : Array.isArray(trigger) ? trigger : Object.keys(trigger);
    for (const risky of ['pull_request_target', 'workflow_run']) if (events.includes(risky)) problems.push(`${a.path}: triggers on \`${risky}\`, which runs with write access on outsiders' changes`);
    const top = w.permissions as Obj | string | undefined;
    if (top === undefined) problems.push(`${a.path}: no top-level \`permissions\` (the default token may have write access)`);
    else if (typeof top === 'string' || Object.values(top).some((v) => v === 'write')) problems.push(`${a.path}: top-level permissions ${JSON.stringify(top)} grant writing to every job`);
    for (const [name, job] of Object.entries((w.jobs ?? {}) as Obj)) {
      const perms = job.permissions as Obj | string | undefined;
      if (typeof perms === 'string') problems.push(`${a.path}: job ${name} has permissions \`${perms}\``);
      else for (const [scope, level] of Object.entries(perms ?? {})) if (level === 'write' && !WRITE_SCOPES[scope]) problems.push(`${a.path}: job ${name} may write \`${scope}\``);
      if (typeof job.uses === 'string' && !job.uses.startsWith('./')) problems.push(`${a.path}: job ${name} calls a remote workflow ${job.uses}`);
      // A secret in the job's `env` is in every step's environment, the package installs' too (an
      // install script of any package in the tree could read it): it belongs on the steps that use it.
      const jobSecrets = Object.entries((job.env ?? {}) as Obj).filter(([, v]) => /\$\{\{\s*secrets\./.test(String(v))).map(([k]) => k);
      const installs = ((job.steps ?? []) as Obj[]).some((s) => typeof s.uses === 'string' || INSTALLS.test(String(s.run ?? '')));
      if (jobSecrets.length && installs) problems.push(`${a.path}: job ${name} has ${jobSecrets.join(', ')} in its env while its steps install packages`);
      for (const [i, step] of ((job.steps ?? []) as Obj[]).entries()) {
        const where = `${a.path}: ${name} step ${i + 1}`;
        if (typeof step.run === 'string') {
          for (const m of step.run.matchAll(/\$\{\{[\s\S]*?\}\}/g)) {
            if (UNTRUSTED.test(m[0])) problems.push(`${where}: \`run\` interpolates untrusted text ${m[0]}`);
            else if (!SAFE.test(m[0])) problems.push(`${where}: \`run\` interpolates ${m[0]} (pass it through \`env:\`)`);
          }
        }
        if (typeof step.uses === 'string' && !step.uses.startsWith('./') && !step.uses.startsWith('docker://')) {
          // A step stack.yaml adds is the user's to pin; lint's `actions-pinned` warns at its line.
          if (!userActions.has(step.uses) && !/@[0-9a-f]{40}$/.test(step.uses)) problems.push(`${where}: action ${step.uses} is not pinned to a commit`);
          if (!PINNED.has(step.uses) && !userActions.has(step.uses)) problems.push(`${where}: action ${step.uses} is not one of the pinned actions in targets/github-actions/actions.ts`);
        }
      }
    }
  }
  // A parser drops comments, so the text is read for them: every remote action's release tag
  // follows its commit (`uses: <repo>@<sha> # v7.0.1`), as the table has it.
  for (const [n, line] of a.content.split('\n').entries()) {
    const m = /^\s*(?:- )?uses: (\S+)(.*)$/.exec(line);
    if (!m || m[1]!.startsWith('./') || userActions.has(m[1]!)) continue;
    const tag = pinnedTag(m[1]!);
    if (tag === undefined || m[2] !== ` # ${tag}`) problems.push(`${a.path}:${n + 1}: \`uses: ${m[1]}\` is not followed by its release tag from targets/github-actions/actions.ts`);
  }
  return problems;
}

/** The services whose stack.yaml asks to run as root (uid 0 or user `root`), in any environment. */
export function rootServices(stack: Stack): Set<string> {
  const names = new Set<string>();
  for (const view of stack.views.values()) {
    for (const s of view.services) {
      const user = (s as { user?: { uid?: number; name?: string } | undefined }).user;
      if (user && (user.uid === 0 || user.name === 'root')) names.add(s.name);
    }
  }
  return names;
}

const isRootUser = (user: unknown): boolean => user !== undefined && /^(0|root)(:|$)/.test(String(user));

export function composeProblems(a: Artifact, root: Set<string>): string[] {
  const problems: string[] = [];
  for (const doc of docs(a)) {
    for (const [name, s] of Object.entries((doc.services ?? {}) as Obj)) {
      const where = `${a.path}: service ${name}`;
      if (s.privileged) problems.push(`${where} is privileged`);
      if (s.cap_add?.length) problems.push(`${where} adds capabilities ${s.cap_add}`);
      for (const key of ['network_mode', 'pid', 'ipc']) if (s[key] === 'host') problems.push(`${where} shares the host's ${key}`);
      if ((s.security_opt ?? []).some((o: string) => /unconfined|no-new-privileges[:=]false/.test(o))) problems.push(`${where} weakens security_opt ${s.security_opt}`);
      const owner = name.replace(/-release$/, '');
      if (isRootUser(s.user) && !root.has(owner)) problems.push(`${where} runs as root (${s.user}) without stack.yaml asking`);
      for (const v of (s.volumes ?? []) as (string | Obj)[]) if (typeof v === 'string' && /^\/var\/run\/docker\.sock|^\/:/.test(v)) problems.push(`${where} mounts ${v}`);
    }
  }
  return problems;
}

/**
 * What a pod that stack.yaml asks to run as root (`user: 0`) may add back after dropping every
 * capability: what an image that starts as root needs (docs/targets/kubernetes.md, "Users"). Written
 * out here rather than imported, so that a change to the target's list fails this check.
 */
const ROOT_ADD_BACK = new Set(['CHOWN', 'DAC_OVERRIDE', 'FOWNER', 'KILL', 'NET_BIND_SERVICE', 'SETGID', 'SETUID']);

export function kubernetesProblems(a: Artifact, root: Set<string>): string[] {
  const problems: string[] = [];
  for (const o of docs(a)) {
    const pod = o.kind === 'CronJob' ? o.spec?.jobTemplate?.spec?.template?.spec : ['Deployment', 'StatefulSet', 'Job', 'DaemonSet'].includes(o.kind) ? o.spec?.template?.spec : undefined;
    if (!pod) continue;
    const where = `${a.path}: ${o.kind}/${o.metadata?.name}`;
    const name = String(o.metadata?.labels?.['app.kubernetes.io/name'] ?? o.metadata?.name).replace(/-release$/, '');
    for (const key of ['hostNetwork', 'hostPID', 'hostIPC']) if (pod[key]) problems.push(`${where} sets ${key}`);
    const sc = pod.securityContext ?? {};
    const asRoot = sc.runAsNonRoot !== true;
    const rootOnPurpose = root.has(name) && sc.runAsUser === 0;
    if (asRoot && !rootOnPurpose) problems.push(`${where} does not require a non-root user (runAsNonRoot: ${sc.runAsNonRoot}, runAsUser: ${sc.runAsUser})`);
    for (const c of [...(pod.initContainers ?? []), ...(pod.containers ?? [])] as Obj[]) {
      const csc = c.securityContext ?? {};
      if (csc.allowPrivilegeEscalation !== false) problems.push(`${where} container ${c.name} allows privilege escalation`);
      if (csc.privileged) problems.push(`${where} container ${c.name} is privileged`);
      if (!(csc.capabilities?.drop ?? []).includes('ALL')) problems.push(`${where} container ${c.name} keeps Linux capabilities (no drop: [ALL])`);
      const added = (csc.capabilities?.add ?? []) as string[];
      const allowed = rootOnPurpose && asRoot ? added.filter((cap) => ROOT_ADD_BACK.has(cap)) : [];
      if (added.length > allowed.length) problems.push(`${where} container ${c.name} adds capabilities ${added.filter((cap) => !allowed.includes(cap))}`);
    }
    for (const v of (pod.volumes ?? []) as Obj[]) if (v.hostPath) problems.push(`${where} mounts the host path ${v.hostPath.path}`);
  }
  return problems;
}

/** The actions of the steps stack.yaml adds to the workflows. */
function userActionsOf(stack: Stack): Set<string> {
  const patches = stack.targets.find((t) => t.name === 'github-actions')?.options.patches;
  return new Set((Array.isArray(patches) ? patches : []).flatMap((p: { steps?: { uses?: unknown }[] }) => (p.steps ?? []).flatMap((s) => (typeof s.uses === 'string' ? [s.uses] : []))));
}

/** Every safety problem of a build's artifacts. */
export function emittedSafetyProblems(artifacts: readonly Artifact[], stack: Stack): string[] {
  const root = rootServices(stack);
  return artifacts.flatMap((a) => {
    if (a.target === 'github-actions' && a.path.startsWith('.github/workflows/')) return workflowProblems(a, userActionsOf(stack));
    if (a.target === 'compose' && /\.ya?ml$/.test(a.path)) return composeProblems(a, root);
    if (a.target === 'kubernetes' && a.path.endsWith('.yaml') && !a.path.endsWith('kustomization.yaml')) return kubernetesProblems(a, root);
    return [];
  });
}
