import type { Port } from '../../model/stack.js';
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

/** In each environment, no two services publish the same host port (Compose would fail to start). */
export const checkHostPortClashes: ModelCheck = (stack, ctx) => {
  for (const view of stack.views.values()) {
    const taken: { service: string; port: Port }[] = [];
    for (const service of view.services) {
      for (const port of service.ports) {
        if (port.host === undefined) continue;
        const clash = taken.find((t) => t.port.protocol === port.protocol && t.port.host! <= port.hostEnd! && port.host! <= t.port.hostEnd!);
        if (clash) {
          ctx.report({
            path: port.path,
            code: 'host-port-clash',
            message: `\`${service.name}\` and \`${clash.service}\` both publish host port ${port.host}${view.environment.name ? ` in environment \`${view.environment.name}\`` : ''}`,
            hint: `give one a different host port, e.g. \`{ port: ${port.container}, host: ${freePort(taken.map((t) => t.port), port.host)} }\`, or \`publish: false\``,
            related: [{ message: `\`${clash.service}\` publishes it here`, path: clash.port.path }],
          });
        } else taken.push({ service: service.name, port });
      }
    }
  }
};

function freePort(taken: Port[], from: number): number {
  let candidate = from + 1;
  while (candidate < 65535 && taken.some((p) => p.host! <= candidate && candidate <= p.hostEnd!)) candidate++;
  return candidate;
}
