import { resourceOwningVolume } from '../../model/resource-volumes.js';
import type { StackFile } from '../../model/stack-file.generated.js';
import type { DataPath } from '../../model/stack.js';
import { containerEntries, entries, type CheckContext, type DataCheck, type ModelCheck } from './context.js';

/** Combinations the schema cannot express, checked on each service as written. */
export const checkServiceValues: DataCheck = (ctx) => {
  for (const [base, , s] of containerEntries(ctx.data)) {
    const blocks = [{ block: s, path: base }, ...entries(s.environments).map(([env, o]) => ({ block: o, path: [...base, 'environments', env] }))];
    for (const { block, path } of blocks) {
      const hc = block.healthcheck;
      if (hc?.disable && !hc.reason) {
        ctx.report({ path: [...path, 'healthcheck', 'disable'], atKey: true, code: 'missing-key', message: 'a disabled healthcheck needs a `reason`', hint: 'say why, e.g. `reason: one-shot job, exits when done`' });
      }
      if (hc?.reason && !hc.disable) {
        ctx.report({ path: [...path, 'healthcheck', 'reason'], atKey: true, code: 'conflicting-keys', message: '`reason` goes with `disable: true`', hint: 'remove `reason`, or add `disable: true` if the service has no healthcheck on purpose' });
      }
      const as = block.autoscale;
      if (as?.min !== undefined && as.min > as.max) {
        ctx.report({ path: [...path, 'autoscale', 'min'], code: 'invalid-value', message: `autoscale \`min\` (${as.min}) is above \`max\` (${as.max})`, hint: 'swap them, or raise `max`' });
      }
      block.volumes?.forEach((v, i) => {
        if (typeof v === 'object' && (v.name === undefined) === (v.source === undefined)) {
          ctx.report({ path: [...path, 'volumes', i], code: 'invalid-value', message: 'a volume needs either `name` (a named volume) or `source` (a bind mount)', hint: 'for example: `{ name: uploads, path: /app/uploads }`' });
        }
      });
      checkRollout(block.rollout, [...path, 'rollout'], ctx.report);
      const secrets = new Set(block.secrets ?? []);
      for (const key of Object.keys(block.env ?? {})) {
        if (secrets.has(key)) {
          ctx.report({ path: [...path, 'env', key], atKey: true, code: 'secret-in-env', message: `\`${key}\` is both a plain variable and a secret`, hint: `remove it from \`env\`: secrets get their values from the platform's store` });
        }
      }
    }
  }
};

/** Per environment: a public entry point routes to one of the service's ports. */
export const checkPublicPorts: ModelCheck = (stack, ctx) => {
  for (const view of stack.views.values()) {
    for (const s of view.services) {
      if (s.kind === 'container' && s.public && s.ports.length === 0) {
        ctx.report({ path: s.public.at, code: 'missing-port', message: `\`${s.name}\` is public but has no \`ports\``, hint: 'add the port it serves on, e.g. `ports: [8000]`' });
      }
    }
  }
};

/**
 * Per environment: an http healthcheck knows its port. Without `http.port` it probes the main port;
 * a service with no TCP port has none, and probing a guess (80) fails forever: Kubernetes' liveness
 * probe would restart the pod every few minutes, Compose would never call it healthy.
 */
export const checkHealthcheckPorts: ModelCheck = (stack, ctx) => {
  const found = new Map<string, { service: string; path: DataPath; probePath: string; environments: string[] }>();
  for (const view of stack.views.values()) {
    for (const s of view.services) {
      const h = s.healthcheck;
      if (h?.probe?.kind !== 'http' || !h.probe.portMissing) continue;
      const key = JSON.stringify([s.name, h.path]);
      const entry = found.get(key) ?? { service: s.name, path: [...h.path, 'http'], probePath: h.probe.path, environments: [] };
      entry.environments.push(view.environment.name);
      found.set(key, entry);
    }
  }
  for (const { service, path, probePath, environments } of found.values()) {
    const where = environments.length < stack.environments.length ? ` in ${environments.map((e) => `\`${e}\``).join(', ')}` : '';
    ctx.report({
      path,
      code: 'missing-port',
      message: `the http healthcheck of \`${service}\` has no port to probe: the service has no TCP port${where}`,
      hint: `declare the port it listens on, e.g. \`ports: [8000]\`, or give the probe one: \`http: { path: ${probePath}, port: 8000 }\`; a service that serves nothing can use a \`command\` probe`,
    });
  }
};

/** Per environment: no service volume takes the name of a volume stackc makes for a backing service's data. */
export const checkVolumeNames: ModelCheck = (stack, ctx) => {
  for (const view of stack.views.values()) {
    const resources = view.resources.map((r) => r.name);
    for (const s of view.services) {
      for (const v of s.volumes) {
        if (v.kind !== 'named') continue;
        const owner = resourceOwningVolume(v.name, resources);
        if (!owner) continue;
        ctx.report({
          path: v.at,
          code: 'volume-name-taken',
          message: `volume \`${v.name}\` of \`${s.name}\` has the name stackc gives the data of the backing service \`${owner}\`, so both would share one volume`,
          hint: `name it after what it holds, e.g. \`${s.name}-files\``,
        });
      }
    }
  }
};

type RawRollout = NonNullable<NonNullable<StackFile['services']>[string]['rollout']>;

/**
 * `max_surge` and `max_unavailable` are how a rolling update paces itself: with another strategy they
 * mean nothing, and both 0 is a rollout that can never replace a replica (Kubernetes refuses it).
 */
function checkRollout(rollout: RawRollout | undefined, path: DataPath, report: CheckContext['report']): void {
  if (!rollout || typeof rollout === 'string') return;
  for (const key of ['max_surge', 'max_unavailable'] as const) {
    if (rollout[key] !== undefined && rollout.strategy !== 'rolling') {
      report({ path: [...path, key], atKey: true, code: 'conflicting-keys', message: `\`${key}\` paces a rolling update; the \`${rollout.strategy}\` strategy has none`, hint: `remove \`${key}\`, or use \`strategy: rolling\`` });
    }
  }
  const zero = (a: number | string | undefined) => a === 0 || a === '0%';
  if (zero(rollout.max_surge) && zero(rollout.max_unavailable)) {
    report({
      path: [...path, 'max_unavailable'],
      code: 'invalid-value',
      message: '`max_surge` and `max_unavailable` are both 0: the rollout could neither start a new replica nor stop an old one',
      hint: '`max_surge: 1, max_unavailable: 0` keeps full capacity; `max_surge: 0, max_unavailable: 1` needs no spare room',
    });
  }
}
