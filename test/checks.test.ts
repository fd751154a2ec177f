import { describe, expect, it } from 'vitest';
import { findNeedCycles, needsOf } from '../src/deploy/needs.js';
import type { Service } from '../src/model/stack.js';
import { branchNameProblem, nearestBranchName } from '../src/model/branch-name.js';
import { hostNameProblem } from '../src/model/host-name.js';
import { loadDiagnostics, loadOk, stackYaml } from './helpers.js';

const svc = (name: string, deps: string[]): Service =>
  ({ name, env: [], files: [], dependsOn: deps.map((d) => ({ name: d, kind: 'service', path: [] })) }) as unknown as Service;
const findCycles = (services: Service[]) => findNeedCycles(services, (s) => needsOf(s, (n) => services.find((x) => x.name === n))).map((cycle) => cycle.map((step) => step.from));

describe('dependency cycles', () => {
  it('finds each cycle once, however many there are', () => {
    const cycles = findCycles([svc('a', ['b']), svc('b', ['a']), svc('c', ['d']), svc('d', ['e']), svc('e', ['c']), svc('f', ['a'])]);
    expect(cycles.map((c) => c.map((s) => s.name))).toEqual([['a', 'b'], ['c', 'd', 'e']]);
  });

  it('finds none in a diamond', () => {
    expect(findCycles([svc('a', ['b', 'c']), svc('b', ['d']), svc('c', ['d']), svc('d', [])])).toEqual([]);
  });

  it('handles a long chain without recursion', () => {
    const chain = Array.from({ length: 20_000 }, (_, i) => svc(`s${i}`, i + 1 < 20_000 ? [`s${i + 1}`] : ['s0']));
    expect(findCycles(chain)).toHaveLength(1);
  });
});

describe('checks that only warn', () => {
  it('warns when YAML turns an env value into a different number', () => {
    const diagnostics = loadDiagnostics(stackYaml('services:\n  api:\n    image: nginx\n    env:\n      VERSION: 1.10\n      PORT: 8000\n      HEX: 0x1F\n'));
    expect(diagnostics.map((d) => [d.severity, d.code, d.at?.line, d.message])).toEqual([
      ['warning', 'yaml-number', 7, 'YAML reads `1.10` as the number 1.1, so `VERSION` would be `1.1`'],
      ['warning', 'yaml-number', 9, 'YAML reads `0x1F` as the number 31, so `HEX` would be `31`'],
    ]);
  });
});

describe('variable names with `.` and `-` (issue 20)', () => {
  it('accepts what Docker and Kubernetes accept, and refuses a leading digit, `=` or a space at the key', () => {
    expect(loadDiagnostics(stackYaml('services:\n  es:\n    image: nginx\n    env:\n      discovery.type: single-node\n      xpack-security.enabled: "false"\n      .hidden: x\n'))).toEqual([]);
    const refused = loadDiagnostics(stackYaml('services:\n  es:\n    image: nginx\n    env:\n      1st.name: x\n      "a b": y\n'));
    expect(refused.map((d) => [d.severity, d.at?.line, d.at?.col])).toEqual([
      ['error', 7, 7],
      ['error', 8, 7],
    ]);
  });

  it('keeps secret names to letters, digits and `_`', () => {
    const refused = loadDiagnostics(stackYaml('services:\n  es:\n    image: nginx\n    secrets: [elastic.password]\n'));
    expect(refused.map((d) => [d.severity, d.at?.line])).toEqual([['error', 6]]);
  });

  it('warns at the variable when a command expands it in a shell, and only then', () => {
    const diagnostics = loadDiagnostics(stackYaml(`services:
  es:
    image: nginx
    command: sh -c 'echo $discovery.type \${xpack.enabled} $$cluster.name'
    env:
      discovery.type: single-node
      xpack.enabled: "false"
      cluster.name: docker
      path.data: /data
`));
    expect(diagnostics.map((d) => [d.severity, d.code, d.at?.line, d.at?.col])).toEqual([
      ['warning', 'shell-variable-name', 8, 7],
      ['warning', 'shell-variable-name', 9, 7],
    ]);
    expect(diagnostics[0]!.message).toBe('the `command` of `es` expands `$discovery.type`, which no shell can: a name with `.` or `-` reaches the process, but `$discovery.type` reads `$discovery`');
  });
});

describe('host addresses of published ports (issue 20, item 2)', () => {
  it('takes IPv4 and IPv6 addresses, in the object and in the string form', () => {
    expect(loadDiagnostics(stackYaml(`services:
  db:
    image: postgres:16
    ports: [{ port: 5432, bind: 127.0.0.1 }, "[::1]:8080:80", "0.0.0.0:9000-9001:9000-9001/udp", { port: 6000, bind: "::" }]
resources:
  cache: { type: redis, publish: { host: 16379, bind: ::1 }, environments: { development: { publish: false } } }
`))).toEqual([]);
  });

  it('refuses what is not an IP address, and `bind` on a port that is not published, at the line', () => {
    const diagnostics = loadDiagnostics(stackYaml(`services:
  db:
    image: postgres:16
    ports:
      - { port: 5432, bind: 999.0.0.1 }
      - "300.1.2.3:8080:80"
      - { port: 6000, bind: 127.0.0.1, publish: false }
resources:
  cache:
    type: redis
    environments: { staging: { publish: { bind: "1:2:3" } } }
environments: { development: {}, staging: {} }
`));
    expect(diagnostics.map((d) => [d.code, d.at?.line, d.at?.col, d.message])).toEqual([
      ['invalid-value', 7, 29, '`999.0.0.1` is not an IP address'],
      ['invalid-value', 8, 9, '`300.1.2.3` is not an IP address'],
      ['conflicting-keys', 9, 23, '`bind` says where the port is published, and `publish: false` that it is not'],
      ['invalid-value', 13, 49, '`1:2:3` is not an IP address'],
    ]);
  });
});

describe('graceful shutdown and rollout (issue 20, item 4)', () => {
  it('reads the settings into the model, an override replacing the rollout whole', () => {
    const stack = loadOk(stackYaml(`services:
  api:
    image: nginx:1.27
    stop_signal: SIGQUIT
    stop_grace_period: 1m30s
    drain_period: 5s
    rollout: { strategy: rolling, max_surge: 1, max_unavailable: 25% }
    environments:
      development: { rollout: recreate }
environments: { development: {}, production: {} }
`));
    const api = (env: string) => stack.views.get(env)!.services[0]!;
    expect(api('production')).toMatchObject({
      stopSignal: { name: 'SIGQUIT' },
      stopGracePeriod: { ms: 90_000, text: '1m30s' },
      drainPeriod: { ms: 5000 },
      rollout: { strategy: 'rolling', maxSurge: { kind: 'count', count: 1 }, maxUnavailable: { kind: 'percent', percent: 25 } },
    });
    expect(api('development').rollout).toEqual({ strategy: 'recreate', path: ['services', 'api', 'environments', 'development', 'rollout'] });
  });

  it('refuses a bad duration, an unknown signal, pacing without rolling and a rollout that cannot move, at the line', () => {
    const schema = loadDiagnostics(stackYaml(`services:
  api:
    image: nginx:1.27
    stop_grace_period: 30 seconds
    stop_signal: SIGTERMINATE
`));
    expect(schema.map((d) => [d.code, d.at?.line, d.at?.col, d.hint])).toEqual([
      ['invalid-value', 6, 24, 'did you mean `30s`?'],
      ['invalid-value', 7, 18, expect.stringContaining('`SIGQUIT`')],
    ]);
    const checks = loadDiagnostics(stackYaml(`services:
  api:
    image: nginx:1.27
    rollout: { strategy: rolling, max_surge: 0, max_unavailable: "0%" }
  web:
    image: nginx:1.27
    rollout: { strategy: recreate, max_surge: 1 }
  worker:
    image: nginx:1.27
    rollout: { strategy: recreat }
`));
    expect(checks.map((d) => [d.code, d.at?.line, d.at?.col])).toEqual([['invalid-value', 12, 26]]);
    const afterSchema = loadDiagnostics(stackYaml(`services:
  api:
    image: nginx:1.27
    rollout: { strategy: rolling, max_surge: 0, max_unavailable: "0%" }
  web:
    image: nginx:1.27
    rollout: { strategy: recreate, max_surge: 1 }
`));
    expect(afterSchema.map((d) => [d.code, d.at?.line, d.at?.col])).toEqual([
      ['invalid-value', 6, 66],
      ['conflicting-keys', 9, 36],
    ]);
  });
});

describe('checks across environments', () => {
  it('reports a port clash that exists only in one environment, once', () => {
    const diagnostics = loadDiagnostics(stackYaml(`environments: { development: {}, staging: {}, production: {} }
services:
  api: { image: nginx, ports: [8080] }
  admin:
    image: nginx
    ports: [9090]
    environments:
      staging: { ports: [8080] }
      production: { ports: [8080] }
`));
    expect(diagnostics.map((d) => [d.code, d.at?.line])).toEqual([['host-port-clash', 10], ['host-port-clash', 11]]);
  });

  it('accepts a port published by one service only in environments where the other is off', () => {
    loadOk(stackYaml(`environments: { development: {}, production: {} }
services:
  api: { image: nginx, ports: [8080] }
  preview:
    image: nginx
    ports: [8080]
    enabled: false
`));
  });

  it('reports every error of a file in one run', () => {
    const diagnostics = loadDiagnostics(stackYaml(`services:
  api: { image: nginx, depends_on: [db], env: { A: "\${resources.nope.url}" } }
  worker: { image: nginx, depends_on: [db, api], environments: { prod: { replicas: 2 } } }
`));
    // depends_on on a missing name twice, an unknown resource and an unknown environment
    expect(diagnostics.map((d) => d.code).sort()).toEqual(['unknown-dependency', 'unknown-dependency', 'unknown-environment', 'unknown-reference']);
  });
});

describe('volume names', () => {
  it('refuses a service volume named like the data of a backing service, on Compose or Kubernetes', () => {
    for (const name of ['db-data', 'data-db-0']) {
      const diagnostics = loadDiagnostics(stackYaml(`services:\n  api:\n    image: nginx:1.27\n    volumes: [{ name: ${name}, path: /srv }]\nresources:\n  db: { type: postgres }\n`));
      expect(diagnostics.map((d) => [d.code, d.message]), name).toEqual([['volume-name-taken', `volume \`${name}\` of \`api\` has the name stackc gives the data of the backing service \`db\`, so both would share one volume`]]);
    }
    expect(loadDiagnostics(stackYaml('services:\n  api:\n    image: nginx:1.27\n    volumes: [{ name: db-files, path: /srv }]\nresources:\n  db: { type: postgres }\n'))).toEqual([]);
  });
});

describe('public hosts', () => {
  it('takes DNS names and a leading wildcard label, after `${environment.*}` is resolved', () => {
    for (const host of ['shop.example', 'api.shop.example', 'localhost', 'api.localhost', '*.shop.example', 'x-1.a2.example', `${'a'.repeat(63)}.example`]) {
      expect(hostNameProblem(host), host).toBeUndefined();
    }
  });

  it('refuses what Kubernetes refuses as an Ingress host, suggesting the name that was meant', () => {
    const cases: [string, RegExp, string | undefined][] = [
      ['API_v1.example.com', /upper-case/, 'api-v1.example.com'],
      ['api_v1.example.com', /label `api_v1`/, 'api-v1.example.com'],
      ['https://x.example:8443/p', /scheme/, 'x.example'],
      ['x.example/p', /path/, 'x.example'],
      ['x.example:8443', /port/, 'x.example'],
      ['10.0.0.1', /IP address/, undefined],
      ['api.*.shop.example', /wildcard/, 'api.shop.example'],
      ['*', /wildcard needs a domain/, undefined],
      ['shop.example.', /final dot/, 'shop.example'],
      ['a..example', /empty label/, 'a.example'],
      ['-api.example', /label `-api`/, 'api.example'],
      [`${'a'.repeat(64)}.example`, /64 characters long; a DNS label has at most 63/, undefined],
      [`${'a.'.repeat(127)}ab`, /256 characters long; a DNS name has at most 253/, undefined],
    ];
    for (const [host, problem, suggestion] of cases) {
      const found = hostNameProblem(host);
      expect(found?.problem, host).toMatch(problem);
      expect(found?.suggestion, host).toBe(suggestion);
    }
  });

  it('checks the host each environment resolves, at the line that writes it', () => {
    const diagnostics = loadDiagnostics(stackYaml(`environments:
  development: {}
  production: { domain: "*.shop.example" }
services:
  web: { image: nginx, ports: [80], public: true }
  api:
    image: nginx
    ports: [8000]
    public: { host: "api.\${environment.domain}" }
  admin:
    image: nginx
    ports: [9000]
    public: { host: admin.example }
    environments:
      production: { public: { path: /admin, host: ADMIN.example } }
`));
    expect(diagnostics.map((d) => [d.code, d.at?.line, d.message])).toEqual([
      ['invalid-host', 11, 'the public host of `api`, `api.*.shop.example` (`api.${environment.domain}` in environment `production`), is not a valid host name: a wildcard `*` may only be the whole first label, as in `*.shop.example`'],
      ['invalid-host', 17, 'the public host of `admin`, `ADMIN.example`, is not a valid host name: it has upper-case letters; Kubernetes takes host names in lower case only'],
    ]);
  });
});

describe('environment branches', () => {
  it('takes the branch names git takes, and `*` for several branches', () => {
    for (const branch of ['main', 'develop', 'release/1.2', 'feature/*', 'feature/**', 'users/ann/fix-42', 'v1.x', 'a@b', 'deps_bump', '*']) {
      expect(branchNameProblem(branch), branch).toBeUndefined();
    }
  });

  it('refuses what git check-ref-format --branch refuses, suggesting the name that was meant', () => {
    const cases: [string, RegExp, string | undefined][] = [
      ['release..1', /contains `\.\.`/, 'release.1'],
      ['main@{1}', /`@\{`/, 'main-1'],
      ['feature.lock', /`feature\.lock` ends with `\.lock`/, 'feature'],
      ['team.lock/x', /`team\.lock` ends with `\.lock`/, 'team/x'],
      ['-main', /starts with `-`/, 'main'],
      ['my branch', /a space/, 'my-branch'],
      ['fix~1', /`~`/, 'fix-1'],
      ['fix^2', /`\^`/, 'fix-2'],
      ['refs:main', /`:`/, 'refs-main'],
      ['fix?', /`\?`/, 'fix'],
      ['fix[1]', /`\[`/, 'fix-1'],
      ['a\\b', /`\\`/, 'a-b'],
      ['feature/', /ends with `\/`/, 'feature'],
      ['/feature', /starts or ends with `\/`/, 'feature'],
      ['main.', /ends with `\.`/, 'main'],
      ['feature//x', /empty path component/, 'feature/x'],
      ['feature/.x', /`\.x` starts with `\.`/, 'feature/x'],
      ['tab\tbranch', /control character/, 'tab-branch'],
      ['@', /HEAD/, undefined],
      ['HEAD', /checked out/, undefined],
    ];
    for (const [branch, problem, suggestion] of cases) {
      expect(branchNameProblem(branch), branch).toMatch(problem);
      expect(nearestBranchName(branch), branch).toBe(suggestion);
    }
  });

  it('reports a branch git cannot have at its line, and nothing else', () => {
    const diagnostics = loadDiagnostics(stackYaml(`environments:
  development: {}
  staging: { branch: "feature/*" }
  production:
    branch: "release..1"
services:
  web: { image: nginx }
`));
    expect(diagnostics.map((d) => [d.code, d.at?.line, d.message, d.hint])).toEqual([
      ['invalid-branch', 7, 'the branch of environment `production`, `release..1`, is not a valid branch name: it contains `..`', expect.stringMatching(/^did you mean `release\.1`\? a branch name as git takes it/)],
    ]);
  });
});

describe('public routes', () => {
  it('refuses two services on one host and path, once per pair, and counts a static site on the domain', () => {
    const diagnostics = loadDiagnostics(stackYaml(`environments:
  development: {}
  production: { domain: shop.example }
services:
  site: { static: { root: ./site } }
  web: { image: nginx, ports: [3000], public: true }
  api: { image: nginx, ports: [8000], public: { path: /api/ } }
  v2: { image: nginx, ports: [8001], public: { path: /api } }
`));
    expect(diagnostics.map((d) => [d.code, d.at?.line, d.message])).toEqual([
      ['duplicate-route', 8, '`web` and `site` are both served at `localhost/` in environment `development`'],
      ['duplicate-route', 10, '`v2` and `api` are both served at `localhost/api` in environment `development`'],
    ]);
  });

  it('accepts one host with different paths, and different hosts', () => {
    loadOk(stackYaml(`environments:
  production: { domain: shop.example }
services:
  web: { image: nginx, ports: [3000], public: true }
  api: { image: nginx, ports: [8000], public: { path: /api } }
  admin: { image: nginx, ports: [9000], public: { host: "admin.\${environment.domain}" } }
  docs: { static: { root: ./docs }, public: { host: "docs.\${environment.domain}" } }
`));
  });
});

describe('several hosts and redirects', () => {
  it('accepts apex, www and a wildcard, redirects to any of them, per environment', () => {
    loadOk(stackYaml(`environments:
  development: {}
  production: { domain: shop.example }
services:
  web:
    image: nginx
    ports: [3000]
    public:
      hosts: ["\${environment.domain}", "www.\${environment.domain}", "*.\${environment.domain}"]
      redirects: [old-shop.example, { from: "shop.\${environment.domain}", to: "www.\${environment.domain}", permanent: false }]
    environments:
      development: { public: true }
`));
  });

  it('checks every host and redirect at its line: a wildcard in the middle, a target that is not a host, a loop, a host served and redirected, host with hosts', () => {
    const diagnostics = loadDiagnostics(stackYaml(`environments:
  production: { domain: shop.example }
services:
  web:
    image: nginx
    ports: [3000]
    public:
      hosts: ["\${environment.domain}", "a.*.shop.example"]
      redirects:
        - { from: old.example, to: new.example }
        - { from: loop.example, to: loop.example }
        - api.shop.example
        - { from: www.example, to: "*.shop.example" }
  api:
    image: nginx
    ports: [8000]
    public: { host: api.shop.example, hosts: [api.shop.example] }
`));
    expect(diagnostics.map((d) => [d.code, d.at?.line, d.message])).toEqual([
      ['host-and-hosts', 19, 'the public entry of `api` has both `host` and `hosts`'],
    ]);
    const model = loadDiagnostics(stackYaml(`environments:
  production: { domain: shop.example }
services:
  web:
    image: nginx
    ports: [3000]
    public:
      hosts: ["\${environment.domain}", "a.*.shop.example"]
      redirects:
        - { from: old.example, to: new.example }
        - { from: loop.example, to: loop.example }
        - api.shop.example
        - { from: www.example, to: "*.shop.example" }
  api: { image: nginx, ports: [8000], public: { host: api.shop.example } }
`));
    expect(model.map((d) => [d.code, d.at?.line, d.message])).toEqual([
      ['invalid-host', 10, 'a public host of `web`, `a.*.shop.example`, is not a valid host name: a wildcard `*` may only be the whole first label, as in `*.shop.example`'],
      ['redirect-target', 12, 'the redirect from `old.example` leads to `new.example`, which is not a host of `web`'],
      ['redirect-loop', 13, '`loop.example` redirects to itself'],
      ['redirect-conflict', 14, '`api.shop.example` redirects to `web` but is a public host of `api`'],
      ['redirect-target', 15, 'the redirect from `www.example` leads to a wildcard, `*.shop.example`'],
    ]);
  });
});

describe('healthcheck ports', () => {
  it('refuses an http probe with nothing to probe, and says in which environments', () => {
    const diagnostics = loadDiagnostics(stackYaml(`environments: { development: {}, production: {} }
services:
  api:
    image: nginx
    ports: [8000]
    healthcheck: { http: /health }
    environments:
      production: { ports: ["9000/udp"] }
  ok: { image: nginx, healthcheck: { http: { path: /health, port: 8080 } } }
`));
    expect(diagnostics.map((d) => [d.code, d.at?.line, d.message])).toEqual([
      ['missing-port', 8, 'the http healthcheck of `api` has no port to probe: the service has no TCP port in `production`'],
    ]);
  });
});

describe('names each enabled target deploys', () => {
  it('refuses a service or backing service Kubernetes would name a Service starting with a digit, at its name', () => {
    const diagnostics = loadDiagnostics(stackYaml(`services:
  2fa: { image: nginx, env: { DB: "\${resources.3db.url}" } }
resources:
  3db: { type: postgres }
targets:
  kubernetes: {}
`));
    expect(diagnostics.map((d) => [d.code, d.at?.line, d.message, d.hint])).toEqual([
      ['invalid-name-for-target', 4, '`2fa` cannot name a service on Kubernetes: it becomes the name of a Kubernetes Service, which must start with a letter (an RFC 1035 label)', 'rename it so that it starts with a letter, e.g. `app-2fa`'],
      ['invalid-name-for-target', 6, '`3db` cannot name a backing service on Kubernetes: it becomes the name of a Kubernetes Service, which must start with a letter (an RFC 1035 label)', 'rename it so that it starts with a letter, e.g. `db-3db`'],
    ]);
  });

  it('holds only what the target deploys to its rules: its filters, the kinds it runs, the backing services it provisions', () => {
    loadOk(stackYaml(`services:
  2fa: { image: nginx }
  3web: { static: { root: ./web }, public: { host: "web.\${environment.domain}" } }
  api: { image: nginx }
resources:
  4db: { type: postgres }
targets:
  kubernetes: { services: [api, 3web] }
  compose: {}
`));
  });

  it('refuses a backing service name too long for a StatefulSet to create its pods', () => {
    const long = `d${'b'.repeat(52)}`;
    const diagnostics = loadDiagnostics(stackYaml(`services:\n  api: { image: nginx, env: { DB: "\${resources.${long}.url}" } }\nresources:\n  ${long}: { type: postgres }\ntargets:\n  kubernetes: {}\n  compose: {}\n`));
    expect(diagnostics.map((d) => [d.code, d.at?.line, d.hint])).toEqual([['invalid-name-for-target', 6, 'shorten it to 52 characters or fewer (it has 53)']]);
  });

  it('refuses an environment Compose would write to compose.override.yaml, only where Compose deploys it', () => {
    const stack = (filter: string) => stackYaml(`environments: { development: {}, override: {} }\nservices:\n  api: { image: nginx }\ntargets:\n  compose: ${filter}\n  kubernetes: {}\n`);
    expect(loadDiagnostics(stack('{}')).map((d) => [d.code, d.at?.line])).toEqual([['invalid-name-for-target', 3]]);
    loadOk(stack('{ environments: [development] }'));
  });
});

describe('a CI step in its own directory', () => {
  const ci = (step: string) => stackYaml(`services:\n  web: { image: nginx:1.27 }\nci:\n  steps:\n    test: ${step}\n`);
  it('accepts `{ run, working_directory }` beside plain commands, and keeps the step\'s directory', () => {
    const stack = loadOk(ci('{ run: npm test, working_directory: ./frontend }'));
    expect(stack.ci?.steps).toEqual([{ name: 'test', run: 'npm test', workingDirectory: 'frontend', path: ['ci', 'steps', 'test', 'run'] }]);
    expect(loadOk(ci('npm test')).ci?.steps[0]?.workingDirectory).toBe('.');
  });
  it('refuses a directory outside the project, at its line', () => {
    const problems = loadDiagnostics(ci('{ run: npm test, working_directory: ../elsewhere }'));
    expect(problems).toContainEqual(expect.objectContaining({ severity: 'error', code: 'path-escapes-project' }));
    expect(problems.find((d) => d.code === 'path-escapes-project')?.at?.line).toBe(ci('x').split('\n').findIndex((l) => l.includes('test:')) + 1);
  });
  it('refuses a step object without `run`', () => {
    expect(loadDiagnostics(ci('{ working_directory: ./frontend }')).some((d) => d.severity === 'error')).toBe(true);
  });
});
