// The diff engine on hand-made sides (no CLI, no git): document matching, ordering noise, masking
// and every risky-change rule.
import { describe, expect, it } from 'vitest';
import { compareValues } from '../src/diff/compare.js';
import { diffSides } from '../src/diff/engine.js';
import { formatMarkdown } from '../src/diff/format/markdown.js';
import { formatText } from '../src/diff/format/text.js';
import { maskPair, maskText } from '../src/diff/mask.js';
import type { DiffReport, FileVersion, Side } from '../src/diff/model.js';
import { plain } from '../src/diagnostics/format.js';

const side = (files: Record<string, string | [string, string, string?]>, rendered: Side['rendered'] = [{ name: 'kubernetes', environments: ['staging', 'production'] }]): Side => {
  const map = new Map<string, FileVersion>();
  for (const [path, value] of Object.entries(files)) {
    const [content, target, environment] = typeof value === 'string' ? [value, guessTarget(path), undefined] : value;
    map.set(path, { path, target, content, ...(environment ? { environment } : {}) });
  }
  return { files: map, rendered };
};
const guessTarget = (path: string) => (path.startsWith('deploy/kubernetes') ? 'kubernetes' : path.startsWith('compose') ? 'compose' : path.startsWith('.github') ? 'github-actions' : path.endsWith('.toml') ? 'fly' : 'other');

const refs = (base: Side, head: Side): DiffReport =>
  diffSides(base, head, { mode: 'refs', base: { kind: 'git', label: 'main' }, head: { kind: 'worktree', label: 'working tree' }, filters: {} });

const deployment = (opts: { replicas?: number; image?: string; probe?: boolean; nonRoot?: boolean; env?: string[]; order?: 'normal' | 'reversed' } = {}) => {
  const env = (opts.env ?? ['A', 'B']).map((n) => `            - name: ${n}\n              value: "${n.toLowerCase()}"`).join('\n');
  const meta = opts.order === 'reversed' ? 'metadata:\n  namespace: shop\n  name: api\nkind: Deployment\napiVersion: apps/v1\n' : 'apiVersion: apps/v1\nkind: Deployment\nmetadata:\n  name: api\n  namespace: shop\n';
  return `${meta}spec:
  replicas: ${opts.replicas ?? 3}
  template:
    spec:
      securityContext:
        runAsNonRoot: ${opts.nonRoot ?? true}
      containers:
        - name: api
          image: ${opts.image ?? 'ghcr.io/acme/api:1.2.3'}
          env:
${env}
${opts.probe === false ? '' : '          readinessProbe:\n            httpGet: { path: /health, port: http }\n'}`;
};

describe('document matching and ordering noise', () => {
  it('matches Kubernetes documents by apiVersion/kind/namespace/name, not by position', () => {
    const svc = 'apiVersion: v1\nkind: Service\nmetadata: { name: api, namespace: shop }\nspec: { type: ClusterIP }\n';
    const report = refs(side({ 'deploy/kubernetes/overlays/production/all.yaml': [`${deployment()}---\n${svc}`, 'kubernetes', 'production'] }), side({ 'deploy/kubernetes/overlays/production/all.yaml': [`${svc}---\n${deployment({ order: 'reversed', env: ['B', 'A'] })}`, 'kubernetes', 'production'] }));
    expect(report.changed).toBe(false);
    expect(report.formattingOnly.map((f) => f.path)).toEqual(['deploy/kubernetes/overlays/production/all.yaml']);
  });

  it('reports the order of workflow steps, which run in sequence', () => {
    const wf = (steps: string[]) => `on: push\njobs:\n  test:\n    runs-on: ubuntu-latest\n    steps:\n${steps.map((s) => `      - name: ${s}\n        run: echo ${s}`).join('\n')}\n`;
    const report = refs(side({ '.github/workflows/ci.yml': wf(['install', 'test']) }), side({ '.github/workflows/ci.yml': wf(['test', 'install']) }));
    expect(report.changed).toBe(true);
    expect(report.resources).toMatchObject([{ label: 'workflow job ci/test', changes: [{ path: 'steps', action: 'order' }] }]);
  });

  it('compares lists of maps by identity, sets as sets, scalar lists in order', () => {
    expect(compareValues({ drop: ['ALL', 'NET_RAW'] }, { drop: ['NET_RAW', 'ALL'] })).toEqual([]);
    expect(compareValues({ args: ['a', 'b'] }, { args: ['b', 'a'] })).toMatchObject([{ path: 'args', action: 'change' }]);
    expect(compareValues({ containers: [{ name: 'a', image: 'x' }, { name: 'b', image: 'y' }] }, { containers: [{ name: 'b', image: 'y2' }, { name: 'a', image: 'x' }] })).toMatchObject([
      { path: 'containers[b].image', action: 'change', before: 'y', after: 'y2' },
    ]);
  });

  it('pairs a Kubernetes file moving from base/ into an overlay and diffs it against where it was', () => {
    const base = side({ 'deploy/kubernetes/base/deployment-api.yaml': deployment({ replicas: 2 }) });
    const head = side({
      'deploy/kubernetes/overlays/staging/deployment-api.yaml': [deployment({ replicas: 2 }), 'kubernetes', 'staging'],
      'deploy/kubernetes/overlays/production/deployment-api.yaml': [deployment({ replicas: 3 }), 'kubernetes', 'production'],
    });
    const report = refs(base, head);
    expect(report.files).toMatchObject([{ path: 'deploy/kubernetes/overlays/production/deployment-api.yaml', previousPath: 'deploy/kubernetes/base/deployment-api.yaml', status: 'moved', semantic: true }]);
    expect(report.formattingOnly).toMatchObject([{ path: 'deploy/kubernetes/overlays/staging/deployment-api.yaml', previousPath: 'deploy/kubernetes/base/deployment-api.yaml' }]);
    expect(report.resources).toMatchObject([{ label: 'Deployment shop/api', environments: ['production'], changes: [{ path: 'spec.replicas', before: 2, after: 3 }] }]);
  });

  it('treats lines that only moved in a text file as ordering', () => {
    expect(refs(side({ 'deploy/vercel/web.md': ['# a\nx\ny\n', 'vercel'] }), side({ 'deploy/vercel/web.md': ['# a\ny\nx\n', 'vercel'] })).changed).toBe(false);
    expect(refs(side({ 'deploy/vercel/web.md': ['# a\nx\n', 'vercel'] }), side({ 'deploy/vercel/web.md': ['# a\nz\n', 'vercel'] })).changed).toBe(true);
  });
});

describe('secret values never appear', () => {
  it('masks secret-looking keys and URL passwords, and still shows that they changed', () => {
    const [b, a] = maskPair({ env: { DB_PASSWORD: 'hunter2', LOG: 'x', URL: 'postgres://u:pw1@db/x', REF: '${DB_PASSWORD}' } }, { env: { DB_PASSWORD: 'hunter3', LOG: 'x', URL: 'postgres://u:pw1@db/x', REF: '${DB_PASSWORD}' } });
    expect(JSON.stringify([b, a])).not.toMatch(/hunter|pw1/);
    expect(compareValues(b!, a!)).toMatchObject([{ path: 'env.DB_PASSWORD', before: '*** (before)', after: '*** (after)' }]);
    expect((a as { env: { REF: string } }).env.REF).toBe('${DB_PASSWORD}');
    expect(maskText('  API_TOKEN: abc123\n  automountServiceAccountToken: false\nDSN=https://k@sentry.io/1\n  SECRET_KEY: ${SECRET_KEY:?set it}')).toBe('  API_TOKEN: ***\n  automountServiceAccountToken: false\nDSN=***\n  SECRET_KEY: ${SECRET_KEY:?set it}');
  });

  it('masks a URL password with an unencoded `@` whole, and not settings about a secret', () => {
    expect(maskText('REDIS_URL=redis://:p@ss@cache:6379\nPASSWORD_MIN_LENGTH=12\nSENTRY_DSN=https://k@o1.ingest.sentry.io/1')).toBe('REDIS_URL=redis://:***@cache:6379\nPASSWORD_MIN_LENGTH=12\nSENTRY_DSN=***');
  });

  it('masks Kubernetes env items by their name, in every format', () => {
    const file = (v: string) => deployment({ env: ['A'] }).replace('value: "a"', `value: "${v}"`).replace('name: A', 'name: STRIPE_API_KEY');
    const report = refs(side({ 'deploy/kubernetes/base/d.yaml': file('sk_live_1') }), side({ 'deploy/kubernetes/base/d.yaml': file('sk_live_2') }));
    expect(report.changed).toBe(true);
    for (const text of [JSON.stringify(report), formatText(report, plain), formatMarkdown(report)]) expect(text).not.toMatch(/sk_live/);
  });

  it('masks env items and vendor tokens of a file that does not parse (compared as text), in every format (issue 19, item 9)', () => {
    const env = '            - name: X_PASSWORD\n              value: Hq7wLp2xZv9RtY3k\n            - name: API_TOKEN\n              value: "ghp_abcdefghijklmnopqrstuvwxyz0123456789"\n';
    const good = deployment();
    const broken = good.replace('kind: Deployment', 'kind: Deployment\n  bad: [unclosed').replace(/(\n\s*containers:\n)/, `$1${env}`);
    const report = refs(side({ 'deploy/kubernetes/base/d.yaml': good }), side({ 'deploy/kubernetes/base/d.yaml': broken }));
    expect(report.notes.join('\n')).toMatch(/does not parse/);
    for (const text of [JSON.stringify(report), formatText(report, plain), formatMarkdown(report)]) {
      expect(text).not.toMatch(/Hq7wLp2xZv9RtY3k|ghp_abcdefghijklmnop/);
      expect(text).toMatch(/name: X_PASSWORD/);
    }
    // The JSON shape of the same pair, and a `name:` that is not a secret leaves its value alone.
    expect(maskText('  {\n    "name": "DB_PASSWORD",\n    "value": "Zq8-rT5vX2"\n  }')).toBe('  {\n    "name": "DB_PASSWORD",\n    "value": "***"\n  }');
    expect(maskText('- name: LOG_LEVEL\n  value: debug\n- name: password\n  value: Zq8-rT5vX2')).toBe('- name: LOG_LEVEL\n  value: debug\n- name: password\n  value: ***');
  });
});

describe('risky changes', () => {
  const k8s = (content: string, env = 'production') => side({ [`deploy/kubernetes/overlays/${env}/x.yaml`]: [content, 'kubernetes', env] });
  const rules = (report: DiffReport) => report.risky.map((r) => r.rule);

  it('replicas reduced to 1 in production (not in staging)', () => {
    expect(rules(refs(k8s(deployment({ replicas: 3 })), k8s(deployment({ replicas: 1 }))))).toEqual(['replicas-reduced']);
    expect(rules(refs(k8s(deployment({ replicas: 3 }), 'staging'), k8s(deployment({ replicas: 1 }), 'staging')))).toEqual([]);
    const railway = (n: number) => side({ 'backend/railway.json': [`{"deploy":{"numReplicas":2},"environments":{"production":{"deploy":{"numReplicas":${n}}}}}`, 'railway'] });
    expect(refs(railway(3), railway(1)).risky).toMatchObject([{ rule: 'replicas-reduced', environments: ['production'] }]);
  });

  it('a rollout that stops every replica first, in production (issue 20, item 4)', () => {
    const recreate = (type: string) => deployment().replace('spec:\n  replicas: 3\n', `spec:\n  replicas: 3\n  strategy:\n    type: ${type}\n`);
    expect(refs(k8s(deployment()), k8s(recreate('Recreate'))).risky).toMatchObject([{ rule: 'rollout-downtime', environments: ['production'], message: expect.stringContaining('spec.strategy.type Recreate: every deploy stops all the old pods') }]);
    expect(rules(refs(k8s(recreate('Recreate')), k8s(deployment())))).toEqual([]);
    expect(rules(refs(k8s(deployment(), 'staging'), k8s(recreate('Recreate'), 'staging')))).toEqual([]);
    const fly = (strategy: string) => side({ 'fly.api.production.toml': [`app = "shop-api"\n\n[deploy]\n  strategy = "${strategy}"\n`, 'fly', 'production'] }, [{ name: 'fly', environments: ['production'] }]);
    expect(rules(refs(fly('rolling'), fly('immediate')))).toEqual(['rollout-downtime']);
  });

  it('a job\'s schedule removed, or made to run more often (issue 18, item 5)', () => {
    const cronJob = (schedule: string, suspend = false) => `apiVersion: batch/v1\nkind: CronJob\nmetadata:\n  name: report\nspec:\n  schedule: "${schedule}"\n${suspend ? '  suspend: true\n' : ''}  jobTemplate:\n    spec:\n      template:\n        spec:\n          restartPolicy: Never\n          containers:\n            - name: report\n              image: a:1\n`;
    expect(refs(k8s(cronJob('0 3 * * *')), k8s(cronJob('*/15 * * * *')))).toMatchObject({ risky: [{ rule: 'job-runs-more-often', message: expect.stringContaining('spec.schedule `0 3 * * *` → `*/15 * * * *`: runs 96× as often') }] });
    expect(rules(refs(k8s(cronJob('*/15 * * * *')), k8s(cronJob('0 3 * * *'))))).toEqual([]);
    // Suspended (the job made manual) or the CronJob removed: it no longer runs on its own.
    expect(rules(refs(k8s(cronJob('0 3 * * *')), k8s(cronJob('0 3 * * *', true))))).toEqual(['schedule-removed']);
    expect(refs(k8s(cronJob('0 3 * * *')), side({})).risky).toMatchObject([{ rule: 'schedule-removed', message: expect.stringContaining('removed (spec.schedule `0 3 * * *`)') }]);
    const railway = (deploy: string) => side({ 'report/railway.json': [`{"deploy":{${deploy}}}`, 'railway'] });
    expect(rules(refs(railway('"cronSchedule":"0 3 * * 1"'), railway('"cronSchedule":"0 3 * * *"')))).toEqual(['job-runs-more-often']);
    expect(rules(refs(railway('"cronSchedule":"0 3 * * *"'), railway('"restartPolicyType":"NEVER"')))).toEqual(['schedule-removed']);
  });

  it('a Vercel cron or a schedule workflow removed, or made to run more often (issue 18, item 5)', () => {
    const crons = (...entries: [string, string][]) => JSON.stringify({ framework: 'vite', crons: entries.map(([path, schedule]) => ({ path, schedule })) });
    const vercel = (content: string | undefined) => side(content === undefined ? {} : { 'web/vercel.json': [content, 'vercel'] }, [{ name: 'vercel', environments: ['production'] }]);
    const digest: [string, string] = ['/api/cron/digest', '0 3 * * *'];
    const sitemap: [string, string] = ['/api/cron/sitemap', '30 * * * *'];
    expect(refs(vercel(crons(digest, sitemap)), vercel(crons(sitemap))).risky).toMatchObject([{ rule: 'schedule-removed', target: 'vercel', message: expect.stringContaining('crons[/api/cron/digest].schedule `0 3 * * *` removed: the job no longer runs on its own') }]);
    expect(refs(vercel(crons(digest)), vercel(crons(['/api/cron/digest', '*/30 * * * *']))).risky).toMatchObject([{ rule: 'job-runs-more-often', message: expect.stringContaining('crons[/api/cron/digest].schedule `0 3 * * *` → `*/30 * * * *`: runs 48× as often') }]);
    expect(rules(refs(vercel(crons(['/api/cron/digest', '*/30 * * * *'])), vercel(crons(digest))))).toEqual([]);
    // The whole file gone (the site no longer on Vercel), and the last cron gone with `crons` itself.
    expect(refs(vercel(crons(digest)), vercel(undefined)).risky).toMatchObject([{ rule: 'schedule-removed', message: expect.stringContaining('removed (crons[/api/cron/digest].schedule `0 3 * * *`)') }]);
    expect(rules(refs(vercel(crons(digest)), vercel(JSON.stringify({ framework: 'vite' }))))).toEqual(['schedule-removed']);
    // A GitHub Actions schedule workflow (schedule-<job>.yml): its `on.schedule` crons.
    const workflow = (...crons: string[]) => side({ '.github/workflows/schedule-report.yml': [`name: Schedule report\non:\n  schedule:\n${crons.map((c) => `    - cron: "${c}"\n`).join('')}jobs:\n  fly-production:\n    runs-on: ubuntu-latest\n    steps:\n      - run: echo\n`, 'github-actions'] }, [{ name: 'github-actions', environments: ['production'] }]);
    expect(refs(workflow('0 3 * * *'), workflow('*/5 * * * *')).risky).toMatchObject([{ rule: 'job-runs-more-often', message: expect.stringContaining('on.schedule[0].cron `0 3 * * *` → `*/5 * * * *`') }]);
    expect(refs(workflow('0 3 * * *'), side({}, [{ name: 'github-actions', environments: ['production'] }])).risky).toMatchObject([{ rule: 'schedule-removed', message: expect.stringContaining('workflow schedule-report removed (on.schedule[0].cron `0 3 * * *`)') }]);
    expect(rules(refs(workflow('0 3 * * *', '0 2 * * *'), workflow('0 3 * * *')))).toEqual(['schedule-removed']);
    // Two crons calling one path: each schedule is its own.
    expect(rules(refs(vercel(crons(digest, ['/api/cron/digest', '0 15 * * *'])), vercel(crons(digest))))).toEqual(['schedule-removed']);
  });

  it('a job of a supercronic crontab (Compose\'s scheduler, Fly\'s cron group) removed, or made to run more often', () => {
    const crontab = (...jobs: [string, string][]) => `# Generated by stackc\nCRON_TZ=UTC\n${jobs.map(([job, cron]) => `# ${job}: what it does\n${cron} python -m app.${job}\n`).join('')}`;
    const files = (text: string) => `\n[[files]]\n  guest_path = "/etc/supercronic/crontab"\n  raw_value = "${Buffer.from(text).toString('base64')}"\n  processes = [ "cron" ]\n`;
    const fly = (text?: string) => side({ 'api/fly.production.toml': [`app = "shop-api"\n${text === undefined ? '' : files(text)}`, 'fly', 'production'] }, [{ name: 'fly', environments: ['production'] }]);
    const report: [string, string] = ['report', '0 3 * * *'];
    const sync: [string, string] = ['sync', '*/15 * * * *'];
    expect(refs(fly(crontab(report, sync)), fly(crontab(sync))).risky).toMatchObject([{ rule: 'schedule-removed', target: 'fly', message: expect.stringContaining('crontab[report] `0 3 * * *` removed: the job no longer runs on its own') }]);
    expect(refs(fly(crontab(report)), fly(crontab(['report', '0 * * * *']))).risky).toMatchObject([{ rule: 'job-runs-more-often', message: expect.stringContaining('crontab[report] `0 3 * * *` → `0 * * * *`: runs 24× as often') }]);
    expect(rules(refs(fly(crontab(report)), fly()))).toEqual(['schedule-removed']);
    expect(rules(refs(fly(crontab(report, sync)), fly(crontab(sync, report))))).toEqual([]);
    const compose = (text?: string) => side({ 'compose.yaml': [`services:\n  report:\n    image: a:1\n${text === undefined ? '' : `configs:\n  report-crontab:\n    content: ${JSON.stringify(text)}\n`}`, 'compose', 'production'] });
    expect(refs(compose(crontab(report)), compose(crontab(['report', '*/10 * * * *']))).risky).toMatchObject([{ rule: 'job-runs-more-often', target: 'compose' }]);
    expect(refs(compose(crontab(report)), compose()).risky).toMatchObject([{ rule: 'schedule-removed', message: expect.stringContaining('removed (crontab[report] `0 3 * * *`)') }]);
  });

  it('a healthcheck or probe removed', () => {
    expect(refs(k8s(deployment()), k8s(deployment({ probe: false }))).risky).toMatchObject([{ rule: 'healthcheck-removed', message: expect.stringContaining('containers[api].readinessProbe removed') }]);
    const compose = (hc: string) => side({ 'compose.yaml': [`services:\n  api:\n    image: a:1\n${hc}`, 'compose', 'development'] });
    expect(rules(refs(compose('    healthcheck:\n      test: [CMD, true]\n'), compose('')))).toEqual(['healthcheck-removed']);
  });

  it('a non-root setting relaxed, and an image moved to a mutable tag', () => {
    expect(rules(refs(k8s(deployment()), k8s(deployment({ nonRoot: false }))))).toEqual(['security-relaxed']);
    expect(rules(refs(k8s(deployment()), k8s(deployment({ image: 'ghcr.io/acme/api:latest' }))))).toEqual(['mutable-image']);
    expect(rules(refs(k8s(deployment()), k8s(deployment({ image: 'ghcr.io/acme/api' }))))).toEqual(['mutable-image']);
    expect(rules(refs(k8s(deployment()), k8s(deployment({ image: 'ghcr.io/acme/api:1.2.4' }))))).toEqual([]);
    // The floating list lint uses (vocabulary/floating-tags.ts), variant suffixes included.
    expect(rules(refs(k8s(deployment()), k8s(deployment({ image: 'node:lts-alpine' }))))).toEqual(['mutable-image']);
    expect(rules(refs(k8s(deployment()), k8s(deployment({ image: 'ghcr.io/acme/api:main-3f2a9c1' }))))).toEqual([]);
  });

  it('a port made public', () => {
    const compose = (port: string) => side({ 'compose.yaml': [`services:\n  db:\n    image: postgres:16\n    ports: ["${port}"]\n`, 'compose', 'development'] });
    expect(refs(compose('127.0.0.1:5432:5432'), compose('5432:5432')).risky).toMatchObject([{ rule: 'port-public', message: 'compose service db publishes port 5432 on every interface of the host' }]);
    const ingress = 'apiVersion: networking.k8s.io/v1\nkind: Ingress\nmetadata: { name: api, namespace: shop }\nspec:\n  rules:\n    - host: api.shop.example\n';
    expect(rules(refs(k8s(deployment()), k8s(`${deployment()}---\n${ingress}`)))).toEqual(['port-public']);
  });

  it('a host removed from an Ingress, or the Ingress removed (issue 20, item 3)', () => {
    const ingress = (...hosts: string[]) => `apiVersion: networking.k8s.io/v1\nkind: Ingress\nmetadata: { name: web, namespace: shop }\nspec:\n  rules:\n${hosts.map((h) => `    - host: ${h}\n`).join('')}`;
    const both = k8s(`${deployment()}---\n${ingress('shop.example', 'www.shop.example')}`);
    expect(refs(both, k8s(`${deployment()}---\n${ingress('shop.example')}`)).risky).toMatchObject([{ rule: 'host-removed', message: expect.stringContaining('no longer routes www.shop.example') }]);
    expect(rules(refs(both, k8s(deployment())))).toEqual(['host-removed']);
    expect(rules(refs(k8s(`${deployment()}---\n${ingress('shop.example')}`), both))).toEqual(['port-public']);
  });

  it('a port moved from one host address to every address is made public; IPv6 loopback is not public (issue 20, item 2)', () => {
    const compose = (port: string) => side({ 'compose.yaml': [`services:\n  db:\n    image: postgres:16\n    ports: ["${port}"]\n`, 'compose', 'development'] });
    expect(refs(compose('[::1]:5432:5432'), compose('127.0.0.1:5432:5432')).risky).toEqual([]);
    expect(refs(compose('5432:5432'), compose('[::1]:5432:5432')).risky).toEqual([]);
    expect(refs(compose('[::1]:5432:5432'), compose('[::]:5432:5432')).risky).toMatchObject([{ rule: 'port-public', message: 'compose service db publishes port 5432 on every interface of the host' }]);
    expect(refs(compose('127.0.0.1:${DB_HOST_PORT:-5432}:5432'), compose('0.0.0.0:${DB_HOST_PORT:-5432}:5432')).risky).toMatchObject([{ rule: 'port-public' }]);
  });

  it('a public port only renumbered is not made public (issue 19, item 15)', () => {
    const compose = (...ports: string[]) => side({ 'compose.yaml': [`services:\n  api:\n    image: a:1\n    ports: [${ports.map((p) => `"${p}"`).join(', ')}]\n`, 'compose', 'development'] });
    expect(refs(compose('8000:8000'), compose('8080:8080')).risky).toEqual([]);
    expect(refs(compose('8000:8000', '127.0.0.1:9000:9000'), compose('8080:8080', '127.0.0.1:9000:9000')).risky).toEqual([]);
    // One more public port than before is one made public, whichever it is.
    expect(refs(compose('8000:8000'), compose('8080:8080', '9090:9090')).risky).toMatchObject([{ rule: 'port-public', message: 'compose service api publishes port 8080, 9090 on every interface of the host' }]);
  });

  it('a Fly app renamed: fly deploy creates a new app and leaves the old one running', () => {
    const fly = (app: string) => side({ 'backend/fly.production.toml': [`app = "${app}"\nprimary_region = "fra"\n`, 'fly', 'production'] }, [{ name: 'fly', environments: ['production'] }]);
    const report = refs(fly('shop-api-production'), fly('shop-api'));
    expect(report.risky).toMatchObject([{ rule: 'app-renamed', environments: ['production'], message: expect.stringMatching(/app shop-api-production → shop-api: `fly deploy` creates a new app shop-api .* and leaves shop-api-production running; keep the old name with `targets.fly.apps`/) }]);
    expect(formatText(report, plain)).toContain('! Fly app renamed: ');
    expect(rules(refs(fly('shop-api'), fly('shop-api')))).toEqual([]);
  });

  it('a volume, PVC or stateful backing service removed: data loss', () => {
    const pvc = 'apiVersion: v1\nkind: PersistentVolumeClaim\nmetadata: { name: uploads, namespace: shop }\nspec: { resources: { requests: { storage: 5Gi } } }\n';
    expect(refs(side({ 'deploy/kubernetes/base/pvc.yaml': pvc }), side({})).risky).toMatchObject([{ rule: 'data-loss', environments: ['staging', 'production'], resource: 'PersistentVolumeClaim shop/uploads' }]);
    const compose = (db: boolean) => side({ 'compose.yaml': [`services:\n  api:\n    image: a:1\n${db ? '  db:\n    image: postgres:16\n    volumes: ["db-data:/var/lib/postgresql/data"]\nvolumes:\n  db-data: {}\n' : ''}`, 'compose', 'development'] });
    expect(rules(refs(compose(true), compose(false)))).toEqual(['data-loss', 'data-loss']);
  });

  it('a StatefulSet mounting another directory of its volume (subPath): data loss', () => {
    const sts = (subPath: string) => `apiVersion: apps/v1\nkind: StatefulSet\nmetadata: { name: db, namespace: shop }\nspec:\n  template:\n    spec:\n      containers:\n        - name: db\n          image: mysql:8.4\n          volumeMounts:\n            - name: data\n              mountPath: /var/lib/mysql\n${subPath}  volumeClaimTemplates:\n    - metadata: { name: data }\n`;
    expect(refs(k8s(sts('')), k8s(sts('              subPath: data\n'))).risky).toMatchObject([{ rule: 'data-loss', resource: 'StatefulSet shop/db', message: expect.stringContaining('subPath (none) → data') }]);
    expect(rules(refs(k8s(sts('              subPath: data\n')), k8s(sts('              subPath: data\n'))))).toEqual([]);
  });

  it('a StatefulSet mounting its volume claim at another path (a container resource\'s `volume` moved): data loss', () => {
    const sts = (path: string) => `apiVersion: apps/v1\nkind: StatefulSet\nmetadata: { name: search, namespace: shop }\nspec:\n  template:\n    spec:\n      containers:\n        - name: search\n          image: elasticsearch:8.15.0\n          volumeMounts:\n            - name: data\n              mountPath: ${path}\n  volumeClaimTemplates:\n    - metadata: { name: data }\n`;
    expect(refs(k8s(sts('/usr/share/elasticsearch/data')), k8s(sts('/data'))).risky).toMatchObject([{ rule: 'data-loss', resource: 'StatefulSet shop/search', message: expect.stringContaining('/usr/share/elasticsearch/data → /data') }]);
    expect(rules(refs(k8s(sts('/data')), k8s(sts('/data'))))).toEqual([]);
  });

  it('adding autoscale removes spec.replicas: risky in production, where the first apply drops to 1 pod', () => {
    const hpa = 'apiVersion: autoscaling/v2\nkind: HorizontalPodAutoscaler\nmetadata: { name: api }\nspec: { minReplicas: 3, maxReplicas: 10 }\n';
    const autoscaled = `${deployment().replace('  replicas: 3\n', '')}---\n${hpa}`;
    const report = refs(k8s(deployment()), k8s(autoscaled));
    expect(report.risky).toMatchObject([{ rule: 'replicas-reduced', environments: ['production'], message: expect.stringMatching(/spec.replicas 3 removed \(autoscale added\): the first client-side kubectl apply drops it to 1 pod/) }]);
    expect(rules(refs(k8s(deployment(), 'staging'), k8s(autoscaled, 'staging')))).toEqual([]);
    expect(rules(refs(k8s(deployment({ replicas: 1 })), k8s(autoscaled)))).toEqual([]);
  });

  describe('namespaces: where kustomize puts the objects', () => {
    const kustomization = (namespace: string | undefined, resources: string[]) =>
      `apiVersion: kustomize.config.k8s.io/v1beta1\nkind: Kustomization\n${namespace ? `namespace: ${namespace}\n` : ''}resources: [${resources.join(', ')}]\n`;
    const statefulSet = (namespace?: string) =>
      `apiVersion: apps/v1\nkind: StatefulSet\nmetadata: { name: db${namespace ? `, namespace: ${namespace}` : ''} }\nspec:\n  replicas: 1\n  volumeClaimTemplates:\n    - metadata: { name: data }\n`;
    const withoutNamespace = (text: string) => text.replace('  namespace: shop\n', '');
    /** The layout before namespaces per environment: every object and kustomization names `shop`. */
    const before = side({
      'deploy/kubernetes/base/kustomization.yaml': kustomization('shop', ['deployment-api.yaml']),
      'deploy/kubernetes/base/deployment-api.yaml': deployment(),
      ...Object.fromEntries(['staging', 'production'].flatMap((env) => [
        [`deploy/kubernetes/overlays/${env}/kustomization.yaml`, [kustomization('shop', ['../../base', 'statefulset-db.yaml']), 'kubernetes', env]],
        [`deploy/kubernetes/overlays/${env}/statefulset-db.yaml`, [statefulSet('shop'), 'kubernetes', env]],
      ])),
    });
    /** Objects that name no namespace; each overlay sets its own (`namespace(env)`). */
    const after = (namespace: (env: string) => string) =>
      side({
        'deploy/kubernetes/base/kustomization.yaml': kustomization(undefined, ['deployment-api.yaml']),
        'deploy/kubernetes/base/deployment-api.yaml': withoutNamespace(deployment()),
        ...Object.fromEntries(['staging', 'production'].flatMap((env) => [
          [`deploy/kubernetes/overlays/${env}/kustomization.yaml`, [kustomization(namespace(env), ['../../base', 'statefulset-db.yaml']), 'kubernetes', env]],
          [`deploy/kubernetes/overlays/${env}/statefulset-db.yaml`, [statefulSet(), 'kubernetes', env]],
        ])),
      });

    it('a move to another namespace is one risk per environment, naming what starts with empty volumes', () => {
      const report = refs(before, after((env) => `shop-${env}`));
      expect(report.risky).toEqual([
        expect.objectContaining({ rule: 'namespace-changed', environments: ['staging'], message: expect.stringMatching(/^objects move from namespace shop to shop-staging: `kubectl apply -k` creates them anew in shop-staging and leaves the old ones running in shop .*; StatefulSet db starts with empty volumes in shop-staging/) }),
        expect.objectContaining({ rule: 'namespace-changed', environments: ['production'], message: expect.stringContaining('from namespace shop to shop-production') }),
      ]);
      // One line for the base's Deployment in both namespaces; the namespace field only where they agree.
      const added = report.resources.find((r) => r.label === 'Deployment api' && r.action === 'add')!;
      expect(added.environments).toEqual(['staging', 'production']);
      expect(added).not.toHaveProperty('namespace');
      expect(report.resources).toContainEqual(expect.objectContaining({ label: 'Deployment shop/api', action: 'remove', namespace: 'shop' }));
      expect(formatText(report, plain)).toContain('! namespace changed: objects move from namespace shop to shop-production');
    });

    it('objects that no longer name their namespace, in the same one through the overlay, are no change', () => {
      const report = refs(before, after(() => 'shop'));
      expect(report.risky).toEqual([]);
      expect(report.resources).toEqual([]);
    });

    it('an object file that did not change moves when its overlay\'s namespace does', () => {
      const report = refs(after(() => 'shop'), after((env) => `shop-${env}`));
      expect(report.risky.map((r) => r.environments)).toEqual([['staging'], ['production']]);
      expect(report.resources).toContainEqual(expect.objectContaining({ label: 'Deployment api', action: 'add', environments: ['staging', 'production'] }));
    });
  });

  it('a secret added or removed, by name only', () => {
    const env = (keys: string[]) => k8s(deployment({ env: [] }).replace('          env:\n', `          env:\n${keys.map((k) => `            - name: ${k}\n              valueFrom: { secretKeyRef: { name: shop-secrets, key: ${k} } }`).join('\n')}\n`));
    const report = refs(env(['OLD_TOKEN']), env(['STRIPE_KEY']));
    expect(report.risky.map((r) => [r.rule, r.message.split(' (')[0]])).toEqual([
      ['secret-added', 'secret STRIPE_KEY added'],
      ['secret-removed', 'secret OLD_TOKEN removed'],
    ]);
  });
});
