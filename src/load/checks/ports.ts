import { isIP } from 'node:net';
import type { DataPath, Port } from '../../model/stack.js';
import { parsePortString, portRangeProblem } from '../values.js';
import { entries, type DataCheck, type ModelCheck } from './context.js';

/** `"9005-9000"`, `"70000"` and mismatched range lengths are caught here; the schema sees only the shape. */
export const checkPortSyntax: DataCheck = (ctx) => {
  for (const [name, s] of entries(ctx.data.services)) {
    const lists = [{ ports: s.ports, path: ['services', name, 'ports'] }, ...entries(s.environments).map(([env, o]) => ({ ports: o.ports, path: ['services', name, 'environments', env, 'ports'] }))];
    for (const { ports, path } of lists) {
      ports?.forEach((p, i) => {
        if (typeof p !== 'string') return;
        const problem = portRangeProblem(parsePortString(p));
        if (problem) ctx.report({ path: [...path, i], code: 'invalid-port', message: `\`${p}\` is not a valid port`, hint: problem });
      });
    }
  }
};

/**
 * A host address (`bind`, `"127.0.0.1:5432:5432"`, a resource's `publish.bind`) is an IP address
 * Docker can bind: the schema sees only its characters. `bind` with `publish: false` says two things.
 */
export const checkBindAddresses: DataCheck = (ctx) => {
  const address = (bind: string, path: DataPath) => {
    if (isIP(bind) === 0) ctx.report({ path, code: 'invalid-value', message: `\`${bind}\` is not an IP address`, hint: 'an IPv4 or IPv6 address of the host, such as `127.0.0.1` or `::1` (only tools on this machine can connect), or `0.0.0.0` for every IPv4 address' });
  };
  for (const [name, s] of entries(ctx.data.services)) {
    const lists = [{ ports: s.ports, path: ['services', name, 'ports'] }, ...entries(s.environments).map(([env, o]) => ({ ports: o.ports, path: ['services', name, 'environments', env, 'ports'] }))];
    for (const { ports, path } of lists) {
      ports?.forEach((p, i) => {
        if (typeof p === 'string') {
          const bind = parsePortString(p).bind;
          if (bind !== undefined) address(bind, [...path, i]);
        } else if (typeof p === 'object' && p.bind !== undefined) {
          address(p.bind, [...path, i, 'bind']);
          if (p.publish === false) ctx.report({ path: [...path, i, 'bind'], atKey: true, code: 'conflicting-keys', message: '`bind` says where the port is published, and `publish: false` that it is not', hint: 'remove `bind`, or `publish: false`' });
        }
      });
    }
  }
  for (const [name, r] of entries(ctx.data.resources)) {
    const blocks = [{ publish: r.publish, path: ['resources', name, 'publish'] }, ...entries(r.environments).map(([env, o]) => ({ publish: o.publish, path: ['resources', name, 'environments', env, 'publish'] }))];
    for (const { publish, path } of blocks) if (typeof publish === 'object' && publish.bind !== undefined) address(publish.bind, [...path, 'bind']);
  }
};

/** In each environment, no two services publish the same host port (Compose would fail to start). */
export const checkHostPortClashes: ModelCheck = (stack, ctx) => {
  for (const view of stack.views.values()) {
    const taken: { service: string; port: Port }[] = [];
    // Which entry of `taken` holds each protocol/host port (taken entries never overlap, so the
    // first clash in `taken` order is the lowest index found), instead of scanning every earlier
    // service per port. Wide ranges are few: they keep the scan.
    const holder = new Map<string, number>();
    const wide: number[] = [];
    const overlaps = (t: Port, port: Port) => t.protocol === port.protocol && t.host! <= port.hostEnd! && port.host! <= t.hostEnd!;
    for (const service of view.services) {
      for (const port of service.ports) {
        if (port.host === undefined) continue;
        const narrow = port.hostEnd! - port.host <= WIDE_RANGE;
        let first = narrow ? -1 : taken.findIndex((t) => overlaps(t.port, port));
        if (narrow) {
          for (let h = port.host; h <= port.hostEnd!; h++) {
            const index = holder.get(`${port.protocol}/${h}`);
            if (index !== undefined && (first < 0 || index < first)) first = index;
          }
          for (const index of wide) if (overlaps(taken[index]!.port, port) && (first < 0 || index < first)) first = index;
        }
        const clash = first < 0 ? undefined : taken[first]!;
        if (clash) {
          ctx.report({
            path: port.path,
            code: 'host-port-clash',
            message: `\`${service.name}\` and \`${clash.service}\` both publish host port ${port.host}${view.environment.name ? ` in environment \`${view.environment.name}\`` : ''}`,
            hint: `give one a different host port, e.g. \`{ port: ${port.container}, host: ${freePort(taken.map((t) => t.port), port.host)} }\`, or \`publish: false\``,
            related: [{ message: `\`${clash.service}\` publishes it here`, path: clash.port.path }],
          });
        } else {
          if (narrow) for (let h = port.host; h <= port.hostEnd!; h++) holder.set(`${port.protocol}/${h}`, taken.length);
          else wide.push(taken.length);
          taken.push({ service: service.name, port });
        }
      }
    }
  }
};

/** Host port ranges wider than this are checked by a scan rather than port by port. */
const WIDE_RANGE = 64;

function freePort(taken: Port[], from: number): number {
  let candidate = from + 1;
  while (candidate < 65535 && taken.some((p) => p.host! <= candidate && candidate <= p.hostEnd!)) candidate++;
  return candidate;
}
