import { describe, expect, it } from 'vitest';
import { findNeedCycles, needsOf } from '../src/deploy/needs.js';
import type { Service } from '../src/model/stack.js';
import { loadDiagnostics, loadOk, stackYaml } from './helpers.js';

const svc = (name: string, deps: string[]): Service =>
  ({ name, env: [], dependsOn: deps.map((d) => ({ name: d, kind: 'service', path: [] })) }) as unknown as Service;
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
