// Issue 18, item 5 (import): Compose one-shots, ofelia labels and supercronic crontabs become
// `jobs:`, and building the imported stack for Compose runs them as the original did (round trip).
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { fiveFieldSchedule } from '../../src/import/cron-schedule.js';
import { importCompose } from '../../src/import/index.js';
import { loadStackText } from '../../src/load/load-stack.js';
import compose from '../../targets/compose/index.js';
import { tempDir } from '../helpers.js';
import { emitContext, emitTarget } from '../targets/context.js';

function importProject(files: Record<string, string>) {
  const dir = tempDir();
  for (const [path, text] of Object.entries(files)) {
    mkdirSync(join(dir, path, '..'), { recursive: true });
    writeFileSync(join(dir, path), text);
  }
  const result = importCompose({ files: ['compose.yaml'], cwd: dir, output: join(dir, 'stack.yaml'), processEnv: {} });
  expect(result.errors).toEqual([]);
  const loaded = loadStackText(result.text!, { file: 'stack.yaml', root: dir });
  expect(loaded.diagnostics.filter((d) => d.severity === 'error')).toEqual([]);
  const data = loaded.source!.data as Record<string, any>;
  const artifacts = emitTarget(compose, emitContext(loaded.stack!, 'compose'));
  const built = parse(artifacts.find((a) => a.path === 'compose.yaml')!.content) as Record<string, any>;
  return { result, data, built, notes: result.notes.map((n) => `${n.severity}: ${n.message}`) };
}

const ONE_SHOTS_AND_OFELIA = `services:
  db:
    image: postgres:16
    environment: { POSTGRES_PASSWORD: example }
  migrate:
    image: ghcr.io/acme/app:1.2
    command: [alembic, upgrade, head]
    environment: { DATABASE_URL: "postgresql://postgres:example@db:5432/postgres" }
    depends_on: { db: { condition: service_healthy } }
  seed:
    image: ghcr.io/acme/app:1.2
    command: python -m app.seed
    restart: "no"
    environment: { DATABASE_URL: "postgresql://postgres:example@db:5432/postgres" }
    depends_on: [db]
  reindex:
    image: ghcr.io/acme/app:1.2
    command: python -m app.reindex
    restart: "no"
    profiles: [tools]
  notify:
    image: ghcr.io/acme/app:1.2
    command: python -m app.notify
    restart: "no"
    entrypoint: [/entrypoint.sh]
  api:
    image: ghcr.io/acme/app:1.2
    ports: ["8000:8000"]
    restart: unless-stopped
    environment: { DATABASE_URL: "postgresql://postgres:example@db:5432/postgres" }
    depends_on: { migrate: { condition: service_completed_successfully } }
    labels:
      ofelia.enabled: "true"
      ofelia.job-exec.nightly-report.schedule: "0 0 3 * * *"
      ofelia.job-exec.nightly-report.command: "python -m app.report --kind daily"
      ofelia.job-exec.nightly-report.no-overlap: "true"
      com.example.team: shop
  scheduler:
    image: mcuadros/ofelia:0.3.21
    command: daemon --docker
    volumes: ["/var/run/docker.sock:/var/run/docker.sock:ro"]
    labels:
      - ofelia.job-run.cleanup.schedule=@every 15m
      - ofelia.job-run.cleanup.image=ghcr.io/acme/app:1.2
      - ofelia.job-run.cleanup.command=python -m app.cleanup
      - 'ofelia.job-run.cleanup.environment=["MODE=fast"]'
      - ofelia.job-run.odd.schedule=30 0 * * * *
      - ofelia.job-run.odd.image=busybox:1.36
      - ofelia.job-run.odd.command=echo hi
      - ofelia.job-local.local.schedule=@hourly
      - ofelia.job-local.local.command=date
`;

describe('stackc import: one-shot services', () => {
  const { data, built, notes } = importProject({ 'compose.yaml': ONE_SHOTS_AND_OFELIA });

  it('keeps a one-shot others wait for a one-shot service (jobs have no "before" trigger), which the build still waits for', () => {
    expect(data.services.migrate.restart).toBe('no');
    expect(data.jobs.migrate).toBeUndefined();
    expect(built.services.api.depends_on.migrate).toEqual({ condition: 'service_completed_successfully' });
  });

  it('makes a one-shot nothing waits for a post-deploy job, and one under a profile a manual job', () => {
    expect(data.services.seed).toBeUndefined();
    expect(data.jobs.seed).toEqual({ image: 'ghcr.io/acme/app:1.2', command: ['python', '-m', 'app.seed'], env: { DATABASE_URL: '${resources.db.url}' }, trigger: 'post-deploy' });
    expect(data.jobs.reindex).toMatchObject({ trigger: 'manual' });
    expect(data.environments).toBeUndefined();
    // Built: `up` still runs seed once (after the services), reindex only with `docker compose run`.
    expect(built.services.seed).toMatchObject({ restart: 'no', command: ['python', '-m', 'app.seed'] });
    expect(built.services.seed.profiles).toBeUndefined();
    expect(built.services.seed.depends_on.db).toEqual({ condition: 'service_healthy' });
    expect(built.services.reindex.profiles).toEqual(['jobs']);
    expect(notes).toContain('info: `seed` (a one-shot nothing waits for) becomes a `post-deploy` job: `up` runs it once every service is ready, not beside them');
  });

  it('keeps a one-shot a service when another starts after it (any depends_on condition): a job cannot be depended on', () => {
    const started = importProject({
      'compose.yaml': `services:\n  init:\n    image: busybox:1.36\n    restart: "no"\n  web:\n    image: nginx:1.27\n    ports: ["8080:80"]\n    depends_on:\n      init:\n        condition: service_started\n`,
    });
    expect(started.data.jobs).toBeUndefined();
    expect(started.data.services.init).toMatchObject({ restart: 'no' });
    expect(started.built.services.web.depends_on.init).toBeDefined();
  });

  it('keeps a one-shot a service when a job would lose a setting, and says which', () => {
    expect(data.services.notify).toMatchObject({ restart: 'no', entrypoint: ['/entrypoint.sh'] });
    expect(notes).toContain('info: `notify` stays a one-shot service, not a job: a job has no `entrypoint`');
  });
});

describe('stackc import: ofelia labels', () => {
  const { data, built, notes } = importProject({ 'compose.yaml': ONE_SHOTS_AND_OFELIA });

  it('makes job-exec a scheduled job from the service it runs in, seconds dropped when 0, no-overlap as forbid', () => {
    expect(data.jobs['nightly-report']).toEqual({ from: 'api', command: ['python', '-m', 'app.report', '--kind', 'daily'], schedule: '0 3 * * *', concurrency: 'forbid' });
    expect(data.services.api.labels).toEqual({ 'com.example.team': 'shop' });
  });

  it('makes job-run a job of its image with the environment its labels give; overlapping runs stay allowed', () => {
    expect(data.jobs.cleanup).toEqual({ image: 'ghcr.io/acme/app:1.2', command: ['python', '-m', 'app.cleanup'], env: { MODE: 'fast' }, schedule: '*/15 * * * *', concurrency: 'allow' });
    expect(notes).toContain('warning: the exact schedule of ofelia job `job-run.cleanup` of `scheduler` was not carried over: `@every 15m` counts from when the scheduler started; `*/15 * * * *` runs at the same interval on the clock');
    expect(data.jobs.odd.schedule).toBe('0 * * * *');
    expect(notes.some((n) => n.startsWith('warning: the exact schedule of ofelia job `job-run.odd`') && n.includes('the seconds field `30`'))).toBe(true);
  });

  it('leaves out ofelia itself (and its Docker socket), and says what job-local was', () => {
    expect(data.services.scheduler).toBeUndefined();
    expect(built.services.scheduler).toBeUndefined();
    expect(JSON.stringify(built)).not.toContain('docker.sock');
    expect(notes).toContain('warning: ofelia job `job-local.local` of `scheduler` was not carried over: it runs inside the ofelia container, which stackc does not carry over');
  });

  it('builds the jobs to run by hand when the images have no supercronic (no scheduler is chosen for them)', () => {
    expect(data.targets.compose).toEqual({});
    expect(built.services['nightly-report']).toMatchObject({ profiles: ['jobs'], command: ['python', '-m', 'app.report', '--kind', 'daily'] });
  });
});

describe('stackc import: a supercronic crontab, and the round trip back to Compose', () => {
  const crontab = 'CRON_TZ=Europe/Berlin\nREPORT_KIND=daily\n# nightly\n0 3 * * * python -m app.report "$REPORT_KIND"\n*/5 * * * * * * echo seconds\n@hourly python -m app.ping\n';
  const original = `services:
  cron:
    image: ghcr.io/acme/app:1.2
    command: [supercronic, /etc/crontab]
    restart: unless-stopped
    environment: { LOG_LEVEL: info }
    volumes: ["./crontab:/etc/crontab:ro"]
`;
  const { data, built, notes } = importProject({ 'compose.yaml': original, crontab });

  it('makes each crontab line a scheduled job of the service\'s image and env, with CRON_TZ and the crontab\'s variables', () => {
    expect(data.services).toEqual({});
    expect(data.jobs['cron-1']).toEqual({ image: 'ghcr.io/acme/app:1.2', env: { LOG_LEVEL: 'info', REPORT_KIND: 'daily' }, command: 'python -m app.report "$REPORT_KIND"', schedule: '0 3 * * *', timezone: 'Europe/Berlin', concurrency: 'forbid' });
    expect(data.jobs['cron-2']).toMatchObject({ command: 'python -m app.ping', schedule: '0 * * * *' });
    expect(notes).toContain('warning: the crontab line `*/5 * * * * * * echo seconds` of `cron` was not carried over: stackc reads 5-field schedules (supercronic also reads seconds and years)');
  });

  it('chooses supercronic as the Compose scheduler, since the image has it', () => {
    expect(data.targets.compose).toEqual({ scheduler: 'supercronic' });
  });

  it('builds services that run the same lines under supercronic, in the same time zone, image and env (round trip)', () => {
    for (const [name, line] of [['cron-1', '0 3 * * * sh -c \'python -m app.report "$$REPORT_KIND"\''], ['cron-2', '0 * * * * sh -c \'python -m app.ping\'']] as const) {
      const service = built.services[name];
      expect(service).toMatchObject({ image: 'ghcr.io/acme/app:1.2', entrypoint: ['supercronic'], command: ['/etc/supercronic/crontab'], restart: 'unless-stopped' });
      expect(Object.keys(service.environment).sort()).toEqual(['LOG_LEVEL', 'REPORT_KIND']);
      expect(built.configs[`${name}-crontab`].content).toContain(`CRON_TZ=Europe/Berlin\n# ${name}\n${line}\n`);
    }
  });
});

describe('schedules of other schedulers as 5-field cron', () => {
  it('is exact for shorthands, 5 fields, and 6 with 0 seconds; approximate for @every and other seconds', () => {
    expect(fiveFieldSchedule('@daily')).toEqual({ ok: true, cron: '0 0 * * *' });
    expect(fiveFieldSchedule('0 0 3 * * *')).toEqual({ ok: true, cron: '0 3 * * *' });
    expect(fiveFieldSchedule('CRON_TZ=Europe/Berlin 0 3 * * 1-5')).toEqual({ ok: true, cron: '0 3 * * 1-5', timezone: 'Europe/Berlin' });
    expect(fiveFieldSchedule('@every 6h')).toMatchObject({ ok: true, cron: '0 */6 * * *', approximate: expect.any(String) });
    expect(fiveFieldSchedule('@every 1h')).toMatchObject({ ok: true, cron: '0 * * * *' });
    expect(fiveFieldSchedule('15 */5 * * * *')).toMatchObject({ ok: true, cron: '*/5 * * * *', approximate: expect.stringContaining('`15`') });
  });

  it('refuses what has no cron equivalent', () => {
    expect(fiveFieldSchedule('@every 7m')).toMatchObject({ ok: false });
    expect(fiveFieldSchedule('@every 90s')).toMatchObject({ ok: false });
    expect(fiveFieldSchedule('0 61 * * *')).toMatchObject({ ok: false });
  });
});
