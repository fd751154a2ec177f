// Edge cases of the security rules that the bad/good fixtures do not show.
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { root } from '../../helpers.js';
import { lintDir, lintFiles } from '../harness.js';

const SECURITY = ['non-root-user', 'no-privileged', 'no-host-access', 'sensitive-port', 'privileged-port', 'tls-required', 'read-only-root-fs'];

const findings = async (files: Record<string, string>, rule: string) => (await lintFiles(files)).findings.filter((f) => f.ruleId === rule && !f.suppressed);
const at = (f: { file: string; line: number }[]) => f.map((x) => `${x.file}:${x.line}`);

const stack = (services: string, extra = '') => `stack: 1\nname: shop\n${extra}services:\n${services}`;
const PROD = 'environments:\n  development: {}\n  staging: { domain: staging.shop.example }\n  production: { domain: shop.example }\n';

describe('non-root-user', () => {
  it('says nothing when the Dockerfile is missing (another rule reports missing files)', async () => {
    expect(await findings({ 'stack.yaml': stack('  api:\n    build: ./backend\n') }, 'non-root-user')).toEqual([]);
  });

  it('resolves USER from build args and ARG defaults, and gives an unresolvable USER the benefit of the doubt', async () => {
    const dockerfile = (user: string) => `FROM python:3.12-slim\nARG APP_UID=1000\nARG ROOT_UID=0\nUSER ${user}\nCMD ["python", "-m", "app"]\n`;
    const lint = (user: string, args = '') =>
      findings({ 'stack.yaml': stack(`  api:\n    build: { context: ./backend${args} }\n`), 'backend/Dockerfile': dockerfile(user) }, 'non-root-user');
    expect(await lint('${APP_UID}')).toEqual([]);
    expect(at(await lint('${ROOT_UID}'))).toEqual(['backend/Dockerfile:4']);
    expect(at(await lint('${APP_UID}', ', args: { APP_UID: "0" }'))).toEqual(['backend/Dockerfile:4']);
    expect(await lint('${UNKNOWN_UID}')).toEqual([]);
    expect(await lint('${UNKNOWN_UID:-1000}')).toEqual([]);
  });

  it('runs the stage named by build.target, so a root debug stage after it does not matter', async () => {
    const dockerfile = 'FROM node:20-slim AS runtime\nUSER 1000\nCMD ["node", "server.js"]\n\nFROM runtime AS debug\nUSER root\nCMD ["node", "--inspect", "server.js"]\n';
    const lint = (target: string) => findings({ 'stack.yaml': stack(`  api:\n    build: { context: ./api${target} }\n`), 'api/Dockerfile': dockerfile }, 'non-root-user');
    expect(await lint(', target: runtime')).toEqual([]);
    const f = await lint('');
    expect(at(f)).toEqual(['api/Dockerfile:6']);
    expect(f[0]!.message).toBe('service `api` runs as root: stage `debug` of api/Dockerfile ends with `USER root`');
  });

  it('a non-root `user` in stack.yaml wins over the image', async () => {
    const files = { 'stack.yaml': stack('  api:\n    build: ./api\n    user: 1000\n'), 'api/Dockerfile': 'FROM node:20-slim\nUSER root\n' };
    expect(await findings(files, 'non-root-user')).toEqual([]);
  });

  it('reports a development Dockerfile on its own, in the file the development override names', async () => {
    const f = await findings(
      {
        'stack.yaml': stack('  api:\n    build: ./api\n    environments:\n      development:\n        build: { context: ./api, dockerfile: Dockerfile.dev }\n', PROD),
        'api/Dockerfile': 'FROM node:20-slim\nUSER 1000\n',
        'api/Dockerfile.dev': 'FROM node:20-slim\nCMD ["npm", "run", "dev"]\n',
      },
      'non-root-user',
    );
    expect(at(f)).toEqual(['api/Dockerfile.dev:1']);
    expect(f[0]!.hint).toContain('`USER 1000`');
  });

  it('accepts the root group with the allowRootGroup option, never the root user', async () => {
    const services = '  api:\n    image: ghcr.io/acme/api:1.4.2\n    user: "1000:0"\n  admin:\n    image: ghcr.io/acme/admin:1.0.0\n    user: "0:1000"\n';
    expect(at(await findings({ 'stack.yaml': stack(services) }, 'non-root-user'))).toEqual(['stack.yaml:6', 'stack.yaml:9']);
    const relaxed = await findings({ 'stack.yaml': stack(services) + 'lint:\n  rules:\n    non-root-user: [error, { allowRootGroup: true }]\n' }, 'non-root-user');
    expect(at(relaxed)).toEqual(['stack.yaml:9']);
    expect(relaxed[0]!.message).toBe('service `admin` runs as root (`user: 0:1000`)');
  });

  it('a plain image without `user` is root; a reasoned suppression above the service silences it', async () => {
    const f = await findings({ 'stack.yaml': stack('  proxy:\n    image: nginx:1.27-alpine\n') }, 'non-root-user');
    expect(f.map((x) => [x.line, x.severity])).toEqual([[4, 'error']]);
    expect(f[0]!.message).toContain('runs `nginx:1.27-alpine` as root');
    expect(f[0]!.hint).toContain('stackc-disable-next-line non-root-user');
    const suppressed = await lintFiles({ 'stack.yaml': stack('  # stackc-disable-next-line non-root-user -- nginx workers run as uid 101\n  proxy:\n    image: nginx:1.27-alpine\n') });
    expect(suppressed.findings.filter((x) => x.ruleId === 'non-root-user').map((x) => x.suppressed?.reason)).toEqual(['nginx workers run as uid 101']);
  });
});

const PLUGIN = `export default {
  name: 'extra',
  describe: 'test target',
  emit(stack, ctx) {
    return ctx.options.files.map((f) => ({ path: f.path, target: 'extra', content: f.content }));
  },
};
`;
const withPlugin = (files: { path: string; content: string }[], lint = '') => ({
  'stack.yaml': `${stack('  api:\n    image: ghcr.io/acme/api:1.4.2\n    user: 1000\n')}plugins: [./extra.mjs]\ntargets:\n  extra:\n    files: ${JSON.stringify(files)}\n${lint}`,
  'extra.mjs': PLUGIN.replace("describe: 'test target',", "describe: 'test target',\n  optionsSchema: { type: 'object' },"),
});

describe('no-privileged', () => {
  it('allows NET_BIND_SERVICE by default and whatever `allowedCapabilities` lists, spelled with or without CAP_', async () => {
    const compose = 'services:\n  a:\n    image: x\n    cap_add: [CAP_NET_BIND_SERVICE, sys_ptrace]\n';
    const f = await findings(withPlugin([{ path: 'compose.extra.yaml', content: compose }]), 'no-privileged');
    expect(f.map((x) => x.message)).toEqual(['target `extra` renders `cap_add: [SYS_PTRACE]` for service `a` in compose.extra.yaml']);
    expect(f[0]!.line).toBe(9);
    expect(f[0]!.hint).toContain('allowedCapabilities');
    const allowed = await findings(withPlugin([{ path: 'compose.extra.yaml', content: compose }], 'lint:\n  rules:\n    no-privileged: [error, { allowedCapabilities: [NET_BIND_SERVICE, SYS_PTRACE] }]\n'), 'no-privileged');
    expect(allowed).toEqual([]);
  });

  it('reads every document of a multi-document manifest, init containers and CronJobs included', async () => {
    const manifest = [
      'apiVersion: v1\nkind: ConfigMap\nmetadata: { name: x }\ndata: { a: b }',
      'apiVersion: batch/v1\nkind: CronJob\nmetadata: { name: nightly }\nspec:\n  schedule: "0 3 * * *"\n  jobTemplate:\n    spec:\n      template:\n        spec:\n          initContainers:\n            - name: setup\n              image: x\n              securityContext: { privileged: true }\n          containers:\n            - name: job\n              image: x\n              securityContext: { allowPrivilegeEscalation: false, capabilities: { add: [ALL] } }',
    ].join('\n---\n');
    const f = await findings(withPlugin([{ path: 'k8s/nightly.yaml', content: manifest }]), 'no-privileged');
    expect(f.map((x) => x.message).sort()).toEqual([
      'target `extra` renders `capabilities.add: [ALL]` for container `job` of CronJob/nightly in k8s/nightly.yaml',
      'target `extra` renders `privileged: true` for container `setup` of CronJob/nightly in k8s/nightly.yaml',
    ]);
    expect(new Set(f.map((x) => x.fingerprint)).size).toBe(2);
  });

  it('finds nothing in what the built-in targets render for the full example', async () => {
    const result = await lintDir(join(root, 'fixtures/fullstack'));
    expect(result.findings.filter((f) => f.ruleId === 'no-privileged' || f.ruleId === 'no-host-access')).toEqual([]);
  });
});

describe('no-host-access', () => {
  it('leaves ordinary host binds alone: the time zone, a data directory, project and home sub-directories', async () => {
    const compose = 'services:\n  a:\n    image: x\n    volumes:\n      - /etc/localtime:/etc/localtime:ro\n      - /srv/shop/data:/data\n      - ./config:/config\n      - ~/projects/shop:/src\n      - cache:/cache\n';
    expect(await findings(withPlugin([{ path: 'compose.extra.yaml', content: compose }]), 'no-host-access')).toEqual([]);
  });

  it('reports the runtime socket under any of its paths, trailing slashes and ${HOME} included', async () => {
    const compose = 'services:\n  a:\n    image: x\n    volumes:\n      - /run/docker.sock:/var/run/docker.sock\n      - /run/containerd/containerd.sock:/c.sock\n      - ${HOME}/.ssh/:/root/.ssh:ro\n      - /proc/1/root:/host\n    ipc: host\n';
    const f = await findings(withPlugin([{ path: 'compose.extra.yaml', content: compose }]), 'no-host-access');
    expect(f.map((x) => x.message).sort()).toEqual([
      'target `extra` renders `ipc: host` for service `a` in compose.extra.yaml: it shares the host\'s shared memory',
      'target `extra` renders a bind mount of `${HOME}/.ssh/` for service `a` in compose.extra.yaml: that is a home directory or the credentials in it',
      'target `extra` renders a bind mount of `/proc/1/root` for service `a` in compose.extra.yaml: that is a host system directory',
      'target `extra` renders a bind mount of `/run/containerd/containerd.sock` for service `a` in compose.extra.yaml: that is the container runtime socket, which controls every container on the host',
      'target `extra` renders a bind mount of `/run/docker.sock` for service `a` in compose.extra.yaml: that is the Docker socket, which controls every container on the host',
    ]);
  });

  it('does not mistake a GitHub Actions workflow with job services for a Compose file', async () => {
    const workflow = 'on: push\njobs:\n  test:\n    runs-on: ubuntu-latest\n    services:\n      db: { image: postgres:16, options: --network host }\n    steps: [{ run: "true" }]\n';
    const compose = 'jobs: {}\nservices:\n  a: { image: x, network_mode: host }\n';
    expect(await findings(withPlugin([{ path: '.github/workflows/x.yml', content: workflow }, { path: 'odd.yaml', content: compose }]), 'no-host-access')).toEqual([]);
  });
});

describe('sensitive-port', () => {
  it('catches 2375 inside a published range, and leaves backing resources alone', async () => {
    const f = await findings({ 'stack.yaml': stack('  builder:\n    image: docker:27.3.1-dind\n    user: 1000\n    ports: ["2370-2380"]\n') + 'resources:\n  db: { type: postgres, version: "16" }\n' }, 'sensitive-port');
    expect(f.map((x) => [x.line, x.message])).toEqual([[7, "service `builder` listens on port 2375: the Docker daemon's API without TLS, which gives whoever reaches it root on the host"]]);
  });
});

describe('privileged-port', () => {
  const web = (targets: string, user = '    user: 101\n') => ({ 'stack.yaml': stack(`  web:\n    image: ghcr.io/acme/web:1.4.2\n${user}    ports: [80]\n`) + targets });

  it('is quiet where only Compose runs the service, since Docker lets any user bind low ports', async () => {
    expect(await findings(web('targets:\n  compose: {}\n'), 'privileged-port')).toEqual([]);
  });

  it('warns under Kubernetes, Fly or a plugin, and when no target is chosen yet', async () => {
    const f = await findings(web('targets:\n  compose: {}\n  kubernetes: {}\n'), 'privileged-port');
    expect(f.map((x) => [x.line, x.severity])).toEqual([[7, 'warn']]);
    expect(f[0]!.message).toBe('service `web` listens on port 80, below 1024, but runs as a non-root user (`user: 101`): it may not be allowed to bind it under kubernetes');
    expect(f[0]!.hint).toContain('8080');
    expect(at(await findings(web(''), 'privileged-port'))).toEqual(['stack.yaml:7']);
  });

  it('leaves services that run as root to non-root-user', async () => {
    expect(await findings(web('targets:\n  kubernetes: {}\n', ''), 'privileged-port')).toEqual([]);
    expect(await findings(web('targets:\n  kubernetes: {}\n', '    user: 0\n'), 'privileged-port')).toEqual([]);
  });
});

describe('tls-required', () => {
  const api = (env: string, targets: string, environments = PROD) =>
    stack(`  api:\n    image: ghcr.io/acme/api:1.4.2\n    user: 1000\n    ports: [8000]\n    public: { host: "api.\${environment.domain}" }\n${env}`, environments) + targets;

  it('points at `tls: false` when it is written, and says it is off', async () => {
    const f = await findings({ 'stack.yaml': api('', 'targets:\n  kubernetes:\n    environments: [production]\n    ingress:\n      class: nginx\n      tls: false\n') }, 'tls-required');
    expect(f.map((x) => [x.line, x.message])).toEqual([[18, 'the kubernetes Ingress serves `api` (http://api.shop.example in `production`) over plain HTTP: `ingress.tls` is off']]);
  });

  it('trusts platforms that terminate TLS, and skips environments without a domain and development', async () => {
    expect(await findings({ 'stack.yaml': api('', 'targets:\n  fly: { region: fra }\n  railway: {}\n  compose: {}\n') }, 'tls-required')).toEqual([]);
    const noDomain = 'environments:\n  development: { domain: dev.shop.example }\n  production: {}\n';
    expect(await findings({ 'stack.yaml': api('    env: { SELF: "http://api.${environment.domain}" }\n', 'targets:\n  kubernetes: {}\n', noDomain) }, 'tls-required')).toEqual([]);
  });

  it('reports http:// links to the domain from a static site too, but not to other hosts', async () => {
    const f = await findings(
      {
        'stack.yaml': stack('  web:\n    static: { root: ./web }\n    env:\n      VITE_API: http://api.${environment.domain}/v1\n      VITE_DOCS: http://docs.example.org\n      VITE_LOCAL: http://localhost:8000\n', PROD),
        'web/index.html': '<h1>shop</h1>\n',
      },
      'tls-required',
    );
    expect(f.map((x) => [x.line, x.message])).toEqual([[11, '`VITE_API` of service `web` is a public address without TLS: http://api.staging.shop.example in `staging`, http://api.shop.example in `production`']]);
  });
});

describe('read-only-root-fs', () => {
  it('checks staging and production, not dev/test environments', async () => {
    const envs = 'environments:\n  dev: {}\n  test: {}\n  staging: {}\n';
    const f = await findings({ 'stack.yaml': stack('  api:\n    image: ghcr.io/acme/api:1.4.2\n    user: 1000\n', envs) }, 'read-only-root-fs');
    expect(f.map((x) => [x.line, x.severity])).toEqual([[8, 'info']]);
  });

  it('points at the environment override that turns it off', async () => {
    const f = await findings({ 'stack.yaml': stack('  api:\n    image: ghcr.io/acme/api:1.4.2\n    user: 1000\n    read_only: true\n    environments:\n      staging: { read_only: false }\n', PROD) }, 'read-only-root-fs');
    expect(f.map((x) => [x.line, x.message])).toEqual([[13, 'service `api` turns its read-only root file system off outside development (`read_only: false`)']]);
  });
});

describe('the shipped examples', () => {
  it.each(['fullstack', 'saas', 'design-sketch'])('%s has no security finding above info', async (name) => {
    const result = await lintDir(join(root, 'fixtures', name));
    expect(result.findings.filter((f) => SECURITY.includes(f.ruleId) && f.severity !== 'info').map((f) => `${f.file}:${f.line} ${f.ruleId}`)).toEqual([]);
  });
});
