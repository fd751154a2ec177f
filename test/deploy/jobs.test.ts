// `jobs:` in the Stack and deployment models: `from` copies a service's settings as resolved per
// environment, overrides and `enabled: false` work as for services, and validate refuses what no
// platform could run, at the job's line.
import { describe, expect, it } from 'vitest';
import { resolveDeployment } from '../../src/deploy/resolve.js';
import { parseCron, runsInFourYears, shortestIntervalMinutes } from '../../src/model/cron.js';
import { BUILTIN_CAPABILITIES } from '../../src/emit/builtin-capabilities.js';
import { capabilityGaps, gapFinder } from '../../src/emit/capabilities.js';
import type { BuildProblem } from '../../src/emit/target.js';
import { loadDiagnostics, loadOk, stackYaml } from '../helpers.js';
import { emitContext } from '../targets/context.js';

const STACK = `environments:
  staging: {}
  production: {}
services:
  api:
    build: ./api
    env: { LOG_LEVEL: info, REGION: eu }
    secrets: [DATABASE_PASSWORD]
    user: 1000
    resources: { memory: 512Mi }
    environments:
      production:
        env: { LOG_LEVEL: warn }
        resources: { memory: 1Gi }
jobs:
  nightly:
    from: api
    command: [python, -m, app.report]
    env: { REGION: null, REPORT: daily }
    schedule: "0 3 * * *"
    timezone: Europe/Berlin
    concurrency: forbid
    timeout: 30m
    retries: 2
    environments:
      staging: { enabled: false }
  reindex:
    image: ghcr.io/acme/tools:1.2
    trigger: manual
`;

const modelOf = (text: string) => resolveDeployment(loadOk(stackYaml(text))).model;

describe('jobs in the deployment model', () => {
  it('copies the from service\'s settings as that environment resolves them; the job\'s env merges key by key', () => {
    const production = modelOf(STACK).environment('production')!;
    const job = production.job('nightly')!;
    expect(job.build?.context).toBe('api');
    expect(job.env.map((e) => [e.name, e.path.join('.')])).toEqual([
      ['LOG_LEVEL', 'services.api.environments.production.env.LOG_LEVEL'],
      ['REPORT', 'jobs.nightly.env.REPORT'],
    ]);
    expect(job.env[0]!.value.parts).toEqual(['warn']);
    expect(job.secrets.map((s) => s.name)).toEqual(['DATABASE_PASSWORD']);
    expect(job.resources?.memory).toBe('1Gi');
    expect(job.runAs).toMatchObject({ kind: 'uid', uid: 1000 });
    expect(job).toMatchObject({ trigger: 'schedule', retries: 2, oneShot: true, restart: 'no', ports: [], concurrency: { policy: 'forbid' }, timeout: { ms: 1_800_000, text: '30m' } });
    expect(job.schedule).toMatchObject({ timezone: 'Europe/Berlin', cron: { text: '0 3 * * *' } });
    expect(job.command).toEqual(['python', '-m', 'app.report']);
  });

  it('leaves a job out where it is disabled, and keeps jobs apart from services', () => {
    const model = modelOf(STACK);
    expect(model.environment('staging')!.jobs.map((j) => j.name)).toEqual(['reindex']);
    expect(model.environment('production')!.jobs.map((j) => j.name)).toEqual(['nightly', 'reindex']);
    expect(model.environment('production')!.services.map((s) => s.name)).toEqual(['api']);
    expect(model.environment('production')!.job('reindex')).toMatchObject({ trigger: 'manual', retries: 0, imageRef: { repository: 'acme/tools' } });
  });

  it('loads a stack without jobs as before', () => {
    expect(modelOf('services:\n  api: { image: nginx }\n').environments[0]!.jobs).toEqual([]);
  });
});

describe('HTTP jobs go with their from service', () => {
  const STACK_HTTP = `services:
  api: { image: ghcr.io/acme/api:1, ports: [8000], public: { host: api.shop.example } }
  web: { static: { root: ./web }, public: { host: shop.example } }
jobs:
  purge: { from: api, http: /internal/purge, schedule: "*/15 * * * *" }
  digest: { from: web, http: /api/cron/digest, schedule: "0 3 * * *" }
  report: { from: api, command: [report], schedule: "0 4 * * *" }
targets:
  kubernetes: { services: [api, report] }
  vercel: {}
`;
  it('copies nothing from the service, and a target gets the HTTP jobs of the services it runs, not by its filter', () => {
    const stack = loadOk(stackYaml(STACK_HTTP));
    const purge = resolveDeployment(stack).model.environments[0]!.job('purge')!;
    expect(purge).toMatchObject({ http: { path: '/internal/purge' }, trigger: 'schedule', ports: [], env: [] });
    expect(purge.image).toBeUndefined();
    const kubernetes = emitContext(stack, 'kubernetes');
    const env = stack.environments[0]!.name;
    expect(kubernetes.plan.jobs(env).map((j) => j.name)).toEqual(['report']);
    expect(kubernetes.plan.httpJobs(env).map((j) => j.name)).toEqual(['purge']);
    expect(emitContext(stack, 'vercel').plan.httpJobs(env).map((j) => j.name)).toEqual(['digest']);
    const problems: BuildProblem[] = [];
    capabilityGaps(gapFinder(BUILTIN_CAPABILITIES.kubernetes!, kubernetes.plan, kubernetes.options), kubernetes.plan, [env], (p: BuildProblem) => problems.push(p));
    expect(problems.map((p) => [p.code, p.path?.join('.')])).toEqual([['kubernetes/http-job', 'jobs.purge.http']]);
  });
});

describe('validate refuses jobs no platform could run, at the line', () => {
  const problems = (jobs: string, services = 'services:\n  api: { build: ./api }\n') =>
    loadDiagnostics(stackYaml(`${services}jobs:\n${jobs}`)).map((d) => `${d.at?.line}:${d.at?.col} ${d.code}: ${d.message}`);

  it('a job and a service with the same name', () => {
    expect(problems('  api: { from: api, trigger: manual }\n')).toEqual([expect.stringMatching(/^\d+:3 duplicate-name: `api` is both a job and a service$/)]);
  });

  it('a bad cron expression, with the field that is wrong', () => {
    expect(problems('  x: { from: api, schedule: "0 25 * * *" }\n')).toEqual([expect.stringContaining('invalid-schedule: job `x`: the hour field `25` of `0 25 * * *` goes outside 0-23')]);
    expect(problems('  x: { from: api, schedule: "@daily" }\n')).toEqual([expect.stringContaining('`@daily` is not a 5-field cron expression')]);
    expect(problems('  x: { from: api, schedule: "0 3 * *" }\n')).toEqual([expect.stringContaining('has 4')]);
  });

  it('schedule and trigger together, or neither', () => {
    expect(problems('  x: { from: api, schedule: "0 3 * * *", trigger: manual }\n')).toEqual([expect.stringContaining('conflicting-keys: job `x` has `schedule` and `trigger`')]);
    expect(problems('  x: { from: api }\n')).toEqual([expect.stringContaining('missing-key: job `x` needs `schedule` or `trigger`')]);
  });

  it('an unknown from service, a static one, or nothing to run', () => {
    expect(problems('  x: { from: apu, trigger: manual }\n')).toEqual([expect.stringContaining('unknown-service: job `x` runs `from` unknown service `apu`')]);
    expect(problems('  x: { from: site, trigger: manual }\n', 'services:\n  site: { static: { root: ./site } }\n')).toEqual([expect.stringContaining('the static site `site`')]);
    expect(problems('  x: { command: ["true"], trigger: manual }\n')).toEqual([expect.stringContaining('missing-key: job `x` needs `from`, `build` or `image`')]);
  });

  it('a time zone that is not an IANA name', () => {
    expect(problems('  x: { from: api, schedule: "0 3 * * *", timezone: CEST }\n')).toEqual([expect.stringContaining('invalid-timezone: `CEST` is not an IANA time zone')]);
    expect(problems('  x: { from: api, schedule: "0 3 * * *", timezone: "+02:00" }\n')).toHaveLength(1);
    expect(problems('  x: { from: api, schedule: "0 3 * * *", timezone: America/New_York }\n')).toEqual([]);
  });

  it('an HTTP job: a path from `/`, of a static site or a public service, on a schedule, with nothing to run', () => {
    const served = 'services:\n  api: { build: ./api, ports: [8000] }\n  web: { static: { root: ./web } }\n  pub: { image: nginx, ports: [80], public: { host: shop.example } }\n';
    expect(problems('  x: { from: web, http: /api/cron/x, schedule: "0 3 * * *" }\n', served)).toEqual([]);
    expect(problems('  x: { from: pub, http: /cron, schedule: "0 3 * * *" }\n', served)).toEqual([]);
    expect(problems('  x: { from: web, http: api/cron, schedule: "0 3 * * *" }\n', served)).toEqual([expect.stringMatching(/^8:25 invalid-value: `jobs.x.http` cannot be `api\/cron`$/)]);
    expect(problems('  x: { from: api, http: /cron, schedule: "0 3 * * *" }\n', served)).toEqual([expect.stringMatching(/^8:14 invalid-value: job `x` requests `\/cron` of `api`, which has no public address$/)]);
    expect(problems('  x: { http: /cron, schedule: "0 3 * * *" }\n', served)).toEqual([expect.stringContaining('missing-key: job `x` requests `/cron` but has no `from`')]);
    expect(problems('  x: { from: web, http: /cron, command: [curl], image: curl, schedule: "0 3 * * *" }\n', served)).toEqual([
      expect.stringMatching(/^8:32 conflicting-keys: job `x` has `http` and `command`$/),
      expect.stringMatching(/^8:49 conflicting-keys: job `x` has `http` and `image`$/),
    ]);
    expect(problems('  x: { from: web, http: /cron, trigger: manual }\n', served)).toEqual([expect.stringMatching(/^8:32 conflicting-keys: job `x` has `http` and `trigger: manual`$/)]);
  });

  it('an override for an undeclared environment, an unknown key', () => {
    expect(problems('  x: { from: api, trigger: manual, environments: { prod: { enabled: false } } }\n')).toEqual([expect.stringContaining('unknown-environment')]);
    expect(problems('  x: { from: api, trigger: manual, ports: [80] }\n')).toHaveLength(1);
  });
});

describe('cron expressions', () => {
  const cron = (text: string) => {
    const r = parseCron(text);
    if (!r.ok) throw new Error(r.message);
    return r.cron;
  };

  it('reads numbers, ranges, lists, steps and names', () => {
    expect(cron('*/15 9-17 * * mon-fri')).toMatchObject({ minutes: [0, 15, 30, 45], hours: [9, 10, 11, 12, 13, 14, 15, 16, 17], daysOfWeek: [1, 2, 3, 4, 5] });
    expect(cron('0 0 1,15 jan-mar 7')).toMatchObject({ daysOfMonth: [1, 15], months: [1, 2, 3], daysOfWeek: [0], eitherDay: true });
    expect(cron('5/20 * * * *').minutes).toEqual([5, 25, 45]);
  });

  it('knows the shortest interval between runs and how often it runs', () => {
    expect(shortestIntervalMinutes(cron('*/2 * * * *'))).toBe(2);
    expect(shortestIntervalMinutes(cron('0 3 * * *'))).toBe(1440);
    expect(shortestIntervalMinutes(cron('0 23 * * *'))).toBe(1440);
    expect(shortestIntervalMinutes(cron('0,55 0 * * *'))).toBe(55);
    expect(runsInFourYears(cron('0 3 * * *'))).toBe(1461);
    expect(runsInFourYears(cron('0 3 * * 1'))).toBeLessThan(runsInFourYears(cron('0 3 * * *')));
    expect(runsInFourYears(cron('0 3 1 * mon'))).toBeGreaterThan(runsInFourYears(cron('0 3 * * mon')));
  });
});

describe('names a platform cannot deploy', () => {
  it('a job name longer than a Kubernetes CronJob allows, at the job\'s line, only where kubernetes is a target', () => {
    const name = `j${'x'.repeat(52)}`;
    const stack = (targets: string) => stackYaml(`services:\n  api: { build: ./api }\njobs:\n  ${name}: { from: api, trigger: manual }\ntargets:\n${targets}`);
    expect(loadDiagnostics(stack('  kubernetes: {}\n')).map((d) => `${d.at?.line}:${d.at?.col} ${d.code}: ${d.message}`)).toEqual([
      `6:3 invalid-name-for-target: \`${name}\` cannot name a job on Kubernetes: it names a CronJob, whose Jobs are named \`<name>-<11 digits>\` within 63 characters, so the name has at most 52`,
    ]);
    expect(loadDiagnostics(stack('  compose: {}\n'))).toEqual([]);
    // An HTTP job of that name is no CronJob.
    const http = stackYaml(`services:\n  api: { build: ./api, ports: [80], public: { host: shop.example } }\njobs:\n  ${name}: { from: api, http: /cron, schedule: "0 3 * * *" }\ntargets:\n  kubernetes: {}\n`);
    expect(loadDiagnostics(http)).toEqual([]);
  });
});
