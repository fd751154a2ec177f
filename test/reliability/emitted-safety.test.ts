// Every fixture's generated configuration, scanned for what must never ship: untrusted text in
// workflow scripts, broad token permissions, unpinned actions, containers running as root without
// being asked to, or able to gain privileges. (Generated stacks get the same scan in test/property.)
import { resolveDeployment } from '../../src/deploy/resolve.js';
import { describe, expect, it } from 'vitest';
import { BUILTIN_TARGETS } from '../../src/emit/registry.js';
import { renderArtifacts } from '../../src/emit/render.js';
import type { Artifact } from '../../src/emit/target.js';
import { loadOk } from '../helpers.js';
import { buildAll, STACK_FIXTURES } from '../support/build-all.js';
import { ACTIONS, PINNED_ACTIONS } from '../../targets/github-actions/actions.js';
import { composeProblems, emittedSafetyProblems, kubernetesProblems, workflowProblems } from './emitted-safety.js';

const FIXTURES = STACK_FIXTURES;

describe('emitted configuration is safe by default', () => {
  it(`every fixture (${FIXTURES.length}), built for every target and environment`, () => {
    let workflows = 0;
    let workloads = 0;
    for (const dir of FIXTURES) {
      const built = buildAll(dir);
      if (!built) continue;
      workflows += built.artifacts.filter((a) => a.path.startsWith('.github/workflows/')).length;
      workloads += built.artifacts.filter((a) => /deployment-|statefulset-|compose/.test(a.path)).length;
      expect(emittedSafetyProblems(built.artifacts, built.stack), dir).toEqual([]);
    }
    expect(workflows).toBeGreaterThan(20);
    expect(workloads).toBeGreaterThan(50);
    // Every fixture for every target in one test: it grows with the fixtures, past the default timeout on a busy machine.
  }, 120_000);

  it('a root user is allowed only where stack.yaml asks for it', () => {
    const stack = loadOk('stack: 1\nname: shop\nservices:\n  api: { image: "nginx:1.27", user: 0 }\n  web: { image: "nginx:1.27", user: 1000 }\n');
    const artifacts = renderArtifacts(resolveDeployment({ ...stack, targets: [{ name: 'kubernetes', environments: ['development'], options: {}, path: ['targets', 'kubernetes'] }] } as typeof stack).model, BUILTIN_TARGETS, { stackFile: 'stack.yaml' }).artifacts;
    expect(emittedSafetyProblems(artifacts, stack)).toEqual([]);
    // The same output with nobody asking for root is flagged: the check can fail.
    const noRoot = { ...stack, views: new Map([...stack.views].map(([k, v]) => [k, { ...v, services: v.services.map((s) => ({ ...s, user: undefined })) }])) } as typeof stack;
    expect(emittedSafetyProblems(artifacts, noRoot).join('\n')).toContain('deployment-api.yaml: Deployment/api does not require a non-root user');
    // Root on purpose adds back the documented capabilities, and only those, and only for root.
    expect(emittedSafetyProblems(artifacts, noRoot).join('\n')).toContain('container api adds capabilities CHOWN,DAC_OVERRIDE,FOWNER,KILL,NET_BIND_SERVICE,SETGID,SETUID');
    const api = artifacts.find((a) => a.path.endsWith('deployment-api.yaml'))!;
    const more = { ...api, content: api.content.replace('- SETUID', '- SETUID\n                - SYS_ADMIN') };
    expect(more.content).not.toBe(api.content);
    expect(emittedSafetyProblems([more], stack)).toEqual([`${api.path}: Deployment/api container api adds capabilities SYS_ADMIN`]);
  });

  it('the checks catch what they are meant to catch', () => {
    const wf = (content: string): Artifact => ({ path: '.github/workflows/x.yml', target: 'github-actions', content });
    expect(workflowProblems(wf('on: pull_request\njobs:\n  a:\n    runs-on: ubuntu-latest\n    steps:\n      - run: echo "${{ github.event.pull_request.title }}"\n'))).toEqual([
      '.github/workflows/x.yml: no top-level `permissions` (the default token may have write access)',
      '.github/workflows/x.yml: a step 1: `run` interpolates untrusted text ${{ github.event.pull_request.title }}',
    ]);
    expect(workflowProblems(wf('on: pull_request_target\npermissions: write-all\njobs:\n  a:\n    permissions: { contents: write }\n    runs-on: ubuntu-latest\n    steps:\n      - uses: actions/checkout@main\n'))).toEqual([
      ".github/workflows/x.yml: triggers on `pull_request_target`, which runs with write access on outsiders' changes",
      '.github/workflows/x.yml: top-level permissions "write-all" grant writing to every job',
      '.github/workflows/x.yml: job a may write `contents`',
      '.github/workflows/x.yml: a step 1: action actions/checkout@main is not pinned to a commit',
      '.github/workflows/x.yml: a step 1: action actions/checkout@main is not one of the pinned actions in targets/github-actions/actions.ts',
      '.github/workflows/x.yml:8: `uses: actions/checkout@main` is not followed by its release tag from targets/github-actions/actions.ts',
    ]);
    // A token on the job while a step installs packages; on the step that needs it, it is fine.
    const tokenJob = (where: 'job' | 'step') => wf(`on: push\npermissions: {}\njobs:\n  a:\n    runs-on: ubuntu-latest\n${where === 'job' ? '    env: { VERCEL_TOKEN: "${{ secrets.VERCEL_TOKEN }}" }\n' : ''}    steps:\n      - run: npm install --global vercel@58\n      - run: vercel deploy\n${where === 'step' ? '        env: { VERCEL_TOKEN: "${{ secrets.VERCEL_TOKEN }}" }\n' : ''}`);
    expect(workflowProblems(tokenJob('job'))).toEqual(['.github/workflows/x.yml: job a has VERCEL_TOKEN in its env while its steps install packages']);
    expect(workflowProblems(tokenJob('step'))).toEqual([]);
    // A commit from the table needs its tag after it, and only its own.
    const step = (uses: string) => wf(`on: push\npermissions: {}\njobs:\n  a:\n    runs-on: ubuntu-latest\n    steps:\n      - uses: ${uses}\n`);
    expect(workflowProblems(step(`${ACTIONS.checkout} # ${PINNED_ACTIONS.checkout.tag}`))).toEqual([]);
    expect(workflowProblems(step(ACTIONS.checkout))).toEqual([`.github/workflows/x.yml:7: \`uses: ${ACTIONS.checkout}\` is not followed by its release tag from targets/github-actions/actions.ts`]);
    expect(workflowProblems(step(`${ACTIONS.checkout} # v6.0.0`))).toHaveLength(1);
    const compose: Artifact = { path: 'compose.yaml', target: 'compose', content: 'services:\n  a: { image: x, privileged: true, user: "0:0", network_mode: host, volumes: ["/var/run/docker.sock:/var/run/docker.sock"] }\n' };
    expect(composeProblems(compose, new Set())).toEqual(['compose.yaml: service a is privileged', "compose.yaml: service a shares the host's network_mode", 'compose.yaml: service a runs as root (0:0) without stack.yaml asking', 'compose.yaml: service a mounts /var/run/docker.sock:/var/run/docker.sock']);
    const k8s: Artifact = { path: 'd.yaml', target: 'kubernetes', content: 'apiVersion: apps/v1\nkind: Deployment\nmetadata: { name: a }\nspec:\n  template:\n    spec:\n      hostNetwork: true\n      containers:\n        - { name: a, securityContext: { privileged: true } }\n' };
    expect(kubernetesProblems(k8s, new Set())).toEqual([
      'd.yaml: Deployment/a sets hostNetwork',
      'd.yaml: Deployment/a does not require a non-root user (runAsNonRoot: undefined, runAsUser: undefined)',
      'd.yaml: Deployment/a container a allows privilege escalation',
      'd.yaml: Deployment/a container a is privileged',
      'd.yaml: Deployment/a container a keeps Linux capabilities (no drop: [ALL])',
    ]);
  });
});
