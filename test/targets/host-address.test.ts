// Issue 20, item 2: a host address (`bind`, a resource's `publish`) is Compose's alone. Kubernetes,
// Fly and Railway publish nothing on a host: each says so in a note at the port (a declared gap).
import { describe, expect, it } from 'vitest';
import { capabilityGaps, gapFinder, type Capabilities } from '../../src/emit/capabilities.js';
import type { BuildProblem } from '../../src/emit/target.js';
import fly from '../../targets/fly/capabilities.js';
import kubernetes from '../../targets/kubernetes/capabilities.js';
import railway from '../../targets/railway/capabilities.js';
import { loadOk } from '../helpers.js';
import { emitContext } from './context.js';

const stack = loadOk(`stack: 1
name: shop
services:
  api:
    image: ghcr.io/acme/api:1.0.0
    ports: [8000, { port: 9000, bind: 127.0.0.1 }, "[::1]:9100:9100"]
    env: { DATABASE_URL: "\${resources.db.url}" }
resources:
  db: { type: postgres, publish: { host: 15432 } }
targets: { kubernetes: {}, fly: {}, railway: {} }
`);

const notes = (target: string, capabilities: Capabilities): BuildProblem[] => {
  const ctx = emitContext(stack, target);
  const out: BuildProblem[] = [];
  capabilityGaps(gapFinder(capabilities, ctx.plan, ctx.options), ctx.plan, ['development'], (p: BuildProblem) => out.push(p));
  return out.filter((p) => p.code === `${target}/host-address`);
};

describe('a host address on targets that publish nothing on a host', () => {
  it('kubernetes: a note at each bound port and at the published resource, naming kubectl port-forward', () => {
    expect(notes('kubernetes', kubernetes).map((p) => [p.severity, p.path, p.message])).toEqual([
      ['info', ['services', 'api', 'ports', 1], '`api` publishes port 9000 on 127.0.0.1 under Compose; Kubernetes publishes no port on a host address, so it is reached inside the cluster (from this machine: `kubectl port-forward svc/api 9000:9000`, on 127.0.0.1)'],
      ['info', ['services', 'api', 'ports', 2], '`api` publishes port 9100 on ::1 under Compose; Kubernetes publishes no port on a host address, so it is reached inside the cluster (from this machine: `kubectl port-forward svc/api 9100:9100`, on 127.0.0.1)'],
      ['info', ['resources', 'db', 'publish'], '`db` is published on the host under Compose (`publish`); Kubernetes publishes no port on a host address: from this machine, `kubectl port-forward svc/db 15432:5432` (on 127.0.0.1)'],
    ]);
  });

  it('fly and railway: a note at each bound port', () => {
    expect(notes('fly', fly).map((p) => [p.severity, p.path])).toEqual([['info', ['services', 'api', 'ports', 1]], ['info', ['services', 'api', 'ports', 2]]]);
    expect(notes('fly', fly)[0]!.message).toBe('`api` publishes port 9000 on 127.0.0.1 under Compose; Fly publishes no port on a host address: from this machine, `fly proxy 9000:9000 -a shop-api` (on 127.0.0.1)');
    expect(notes('railway', railway).map((p) => [p.severity, p.path])).toEqual([['info', ['services', 'api', 'ports', 1]], ['info', ['services', 'api', 'ports', 2]]]);
  });

  it('says nothing when no address is written', () => {
    const plain = loadOk('stack: 1\nname: shop\nservices:\n  api: { image: a:1, ports: [8000, "9000:9000"] }\ntargets: { kubernetes: {}, fly: {} }\n');
    const ctx = emitContext(plain, 'kubernetes');
    const out: BuildProblem[] = [];
    capabilityGaps(gapFinder(kubernetes, ctx.plan, ctx.options), ctx.plan, ['development'], (p: BuildProblem) => out.push(p));
    expect(out.filter((p) => p.code.endsWith('/host-address'))).toEqual([]);
  });
});
