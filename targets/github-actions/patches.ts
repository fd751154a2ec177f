// `targets.github-actions.patches`: steps of the user's own before or after a named step of a
// generated job, and extra token permissions for that job only (docs/targets/github-actions.md,
// "Patches"). The steps are the user's as written; lint's `actions-pinned` holds their `uses:`
// to a commit, as stackc pins its own.
import type { DataPath } from '../../src/model/stack.js';
import type { Report } from '../../src/emit/target.js';
import { reportComplaint } from '../../src/emit/patches/schema-check.js';
import { patchPathName } from '../../src/emit/patches/patches.js';
import type { Step, Workflow } from './workflow.js';

interface WorkflowPatch {
  path: DataPath;
  workflow: 'ci' | 'deploy';
  environments?: string[];
  job: string;
  before?: string;
  after?: string;
  steps: Step[];
  permissions: Record<string, 'read' | 'write' | 'none'>;
}

function readWorkflowPatches(options: Record<string, unknown>): WorkflowPatch[] {
  const list = Array.isArray(options.patches) ? (options.patches as Record<string, any>[]) : [];
  return list.map((p, i) => ({
    path: ['targets', 'github-actions', 'patches', i],
    workflow: p.workflow === 'deploy' ? 'deploy' : 'ci',
    ...(Array.isArray(p.environments) ? { environments: p.environments } : {}),
    job: String(p.job),
    ...(typeof p.before === 'string' ? { before: p.before } : {}),
    ...(typeof p.after === 'string' ? { after: p.after } : {}),
    steps: Array.isArray(p.steps) ? p.steps : [],
    permissions: typeof p.permissions === 'object' && p.permissions !== null ? p.permissions : {},
  }));
}

/**
 * `workflow` with the patches for it applied (ci.yml, or the deploy workflow of `environment`),
 * and their paths; a job or step that is not there, or a workflow GitHub's schema refuses, is an
 * error at the patch (`github-actions/patch-failed`).
 */
export function patchWorkflow(workflow: Workflow, options: Record<string, unknown>, which: 'ci' | 'deploy', environment: string | undefined, file: string, report: Report): { workflow: Workflow; patchedBy: DataPath[] } {
  const patches = readWorkflowPatches(options).filter((p) => p.workflow === which && (which === 'ci' || !p.environments || p.environments.includes(environment!)));
  if (!patches.length) return { workflow, patchedBy: [] };
  const jobs = { ...workflow.jobs };
  const fail = (p: WorkflowPatch, message: string, hint: string) => report({ severity: 'error', code: 'github-actions/patch-failed', message: `${patchPathName(p.path)} ${message} in ${file}`, path: p.path, hint });
  for (const p of patches) {
    const job = jobs[p.job];
    if (!job) {
      fail(p, `names no job: there is no job \`${p.job}\``, `the jobs of ${file}: ${Object.keys(jobs).join(', ')}`);
      continue;
    }
    const steps = [...(job.steps ?? [])];
    if (!job.steps && p.steps.length) {
      fail(p, `adds steps to \`${p.job}\`, which calls a workflow and has no steps`, 'patch the job of the workflow it calls (ci.yml)');
      continue;
    }
    const point = p.before ?? p.after;
    const at = point === undefined ? steps.length : steps.findIndex((s) => s.name === point);
    if (at < 0) {
      fail(p, `names no step of \`${p.job}\`: there is no step \`${point}\``, `the steps of \`${p.job}\`: ${steps.map((s) => s.name ?? s.uses ?? s.run).join('; ')}`);
      continue;
    }
    const index = p.after !== undefined ? at + 1 : at;
    steps.splice(index, 0, ...p.steps);
    const extra = Object.keys(p.permissions).length ? { permissions: { ...(job.permissions ?? workflow.permissions), ...p.permissions } } : {};
    const before = { ...workflow, jobs: { ...jobs } };
    jobs[p.job] = { ...job, ...(job.steps ? { steps } : {}), ...extra };
    reportComplaint(p, 'github-workflow', asWritten(before), asWritten({ ...workflow, jobs }), file, 'github-actions/patch-failed', report);
  }
  return { workflow: { ...workflow, jobs }, patchedBy: patches.map((p) => p.path) };
}

/** The workflow as its file holds it (renderWorkflow's keys, nothing undefined), for its schema. */
const asWritten = (w: Workflow): unknown => JSON.parse(JSON.stringify({ name: w.name, on: w.on, permissions: w.permissions, concurrency: w.concurrency, jobs: w.jobs }));
