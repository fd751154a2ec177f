import type { DataPath, Service } from '../../model/stack.js';
import { defineRule, type RuleContext } from '../rule.js';
import { parseBytes, parseCores } from './support/quantities.js';
import { writtenAt } from './support/written-at.js';

/** Below this, a size written in bytes or kilobytes was almost certainly meant in Mi. */
const MIN_MEMORY = 32 * 2 ** 20;
/** More cores than a large node has: the number was almost certainly meant in millicores. */
const MAX_CORES = 64;

/** The first of several keys an override wrote (the finding is about its change), else the first. */
function placeOf(ctx: Pick<RuleContext<unknown>, 'instances'>, service: Service, ...candidates: (readonly string[])[]): { path: DataPath } {
  const places = candidates.map((keys) => writtenAt(ctx, service, 'resources', keys));
  return { path: (places.find((p) => p.overridden) ?? places[0]!).path };
}

const mebibytes = (bytes: number): string => `${Math.round(bytes / 2 ** 20)}Mi`;

export default defineRule({
  meta: {
    id: 'resource-bounds',
    description: 'CPU and memory sizes are plausible: memory limits not far above requests, no bytes or cores where Mi or millicores were meant.',
    category: 'cost',
    severity: 'warn',
    scopes: ['model'],
    docs: {
      why: 'A memory limit many times the request overcommits the node: the scheduler packs pods by their requests, and when several grow towards their limits at once the kernel kills them. A bare number is bytes and a CPU count is cores, so `memory: "512"` (512 bytes) or `cpu: 500` (500 cores) are slips that either never start or are never scheduled.',
      fix: 'Keep the memory limit within a few times the request (set the request to the steady-state usage and the limit to the peak). Write memory with a unit (`512Mi`) and CPU in cores (`0.5`) or millicores (`500m`). (A request above its limit is `resource-limits`\' finding.)',
      bad: 'resources:\n  cpu: 500\n  memory: 4Gi\n  requests: { cpu: 250m, memory: 256Mi }',
      good: 'resources:\n  cpu: 500m\n  memory: 1Gi\n  requests: { cpu: 250m, memory: 512Mi }',
      whenOff: 'For batch workloads that deliberately burst far above their request on dedicated nodes.',
    },
    peers: ['Polaris resourceMinimum', 'Polaris resourceMaximum', 'kube-score container-resource-requests-equal-limits'],
    options: {
      maxRatio: { type: 'number', default: 4, minimum: 1, description: 'The most the memory limit may be above the memory request, as a multiple.' },
    },
  },
  container(ctx, { service }) {
    const r = service.resources;
    if (!r) return;
    const limit = { memory: r.memory ? parseBytes(r.memory) : undefined, cpu: r.cpu ? parseCores(r.cpu) : undefined };
    const request = { memory: r.requests.memory ? parseBytes(r.requests.memory) : undefined, cpu: r.requests.cpu ? parseCores(r.requests.cpu) : undefined };
    const explicitRequest = { memory: r.requests.memory !== r.memory, cpu: r.requests.cpu !== r.cpu };

    // Unit slips first: a ratio or comparison of a mistyped value says nothing useful.
    const slips = new Set<'memory' | 'cpu'>();
    for (const [value, bytes, keys] of [[r.memory, limit.memory, ['memory']], [explicitRequest.memory ? r.requests.memory : undefined, request.memory, ['requests', 'memory']]] as const) {
      // `16Mi` is a deliberate choice for a tiny binary; `512` (bytes) or `512Ki` is a slip.
      if (value !== undefined && bytes !== undefined && bytes < MIN_MEMORY && /^[0-9.]+(k|Ki)?$/.test(value)) {
        slips.add('memory');
        ctx.report({
          message: `\`${service.name}\` gets \`${value}\` of memory (${bytes < 2 ** 20 ? `${Math.round(bytes)} bytes` : mebibytes(bytes)}), too little to start a process`,
          at: placeOf(ctx, service, keys),
          hint: /^[0-9.]+$/.test(value) ? `a number without a unit is bytes: write \`${value}Mi\` for mebibytes` : `\`Ki\` and \`k\` are kilobytes: write \`${value.replace(/k|Ki/, 'Mi')}\` for mebibytes`,
        });
      }
    }
    for (const [value, cores, keys] of [[r.cpu, limit.cpu, ['cpu']], [explicitRequest.cpu ? r.requests.cpu : undefined, request.cpu, ['requests', 'cpu']]] as const) {
      if (value !== undefined && cores !== undefined && cores > MAX_CORES) {
        slips.add('cpu');
        ctx.report({
          message: `\`${service.name}\` asks for ${cores} CPU cores (\`cpu: ${value}\`), more than a node has`,
          at: placeOf(ctx, service, keys),
          hint: `CPU is in cores or millicores: write \`${value}m\` for ${cores / 1000} cores`,
        });
      }
    }

    // A request above its limit is resource-limits' finding; here only the overcommit.
    if (!slips.has('memory') && limit.memory !== undefined && request.memory !== undefined && explicitRequest.memory && request.memory <= limit.memory) {
      const ratio = limit.memory / request.memory;
      if (ratio > ctx.options.maxRatio) {
        ctx.report({
          message: `\`${service.name}\`'s memory limit \`${r.memory}\` is ${Number.isInteger(ratio) ? ratio : ratio.toFixed(1)} times its request \`${r.requests.memory}\`; nodes packed by requests run out of memory when several services grow at once`,
          at: placeOf(ctx, service, ['memory'], ['requests', 'memory']),
          hint: `set the request near the steady-state usage and the limit within ${ctx.options.maxRatio}× of it, e.g. \`requests: { memory: ${mebibytes(limit.memory / ctx.options.maxRatio)} }\``,
        });
      }
    }
  },
});
