// A compose service's `stop_signal`, `stop_grace_period` and `deploy.update_config` as stack.yaml's
// stop settings and rollout (docs/format.md, "Stopping and rolling out"). The first two are the same
// keys with the same meaning. `update_config` is Swarm's (docker compose up ignores it), but what it
// says about pacing (`parallelism`, `order`) is what `rollout` says to the platforms that roll out.
import { composeDurationMs } from './compose-model.js';
import type { Notes } from './notes.js';
import { entry, get, str, type CMap } from './tree.js';

/** The signals stack.yaml takes (schema/stack.schema.json `signal`). */
const SIGNALS = ['SIGTERM', 'SIGINT', 'SIGQUIT', 'SIGHUP', 'SIGUSR1', 'SIGUSR2', 'SIGWINCH', 'SIGKILL'];

/** Docker takes `SIGQUIT`, `QUIT` or a number; stack.yaml the `SIG` names. */
const NUMBERED: Record<string, string> = { '1': 'SIGHUP', '2': 'SIGINT', '3': 'SIGQUIT', '9': 'SIGKILL', '10': 'SIGUSR1', '12': 'SIGUSR2', '15': 'SIGTERM', '28': 'SIGWINCH' };

const signalName = (text: string): string | undefined => {
  const upper = text.trim().toUpperCase();
  const name = NUMBERED[upper] ?? (upper.startsWith('SIG') ? upper : `SIG${upper}`);
  return SIGNALS.includes(name) ? name : undefined;
};

/** `1m30s` for a number of milliseconds, in the largest unit that divides it. */
const durationText = (ms: number): string =>
  ms % 3_600_000 === 0 ? `${ms / 3_600_000}h` : ms % 60_000 === 0 ? `${ms / 60_000}m` : ms % 1000 === 0 ? `${ms / 1000}s` : `${Math.ceil(ms)}ms`;

export function mapShutdown(composeName: string, service: CMap, data: Record<string, unknown>, notes: Notes): void {
  const signal = get(service, 'stop_signal');
  const signalText = str(signal);
  if (signalText !== undefined) {
    const name = signalName(signalText);
    if (name) data.stop_signal = name;
    else notes.dropped(signal!.at, `stop signal \`${signalText}\` of \`${composeName}\``, `stack.yaml takes ${SIGNALS.join(', ')}`, { hint: 'set `STOPSIGNAL` in the Dockerfile instead' });
  }
  const grace = get(service, 'stop_grace_period');
  const graceText = str(grace);
  if (graceText !== undefined) {
    const ms = composeDurationMs(graceText);
    if (ms !== undefined && ms > 0) data.stop_grace_period = durationText(ms);
    else notes.dropped(grace!.at, `stop_grace_period \`${graceText}\` of \`${composeName}\``, 'it is not a Compose duration');
  }
}

/**
 * `deploy.update_config` as a rolling rollout: `order: start-first` starts `parallelism` new
 * containers before it stops old ones (a surge), `stop-first` (Swarm's default) stops them first
 * (unavailable); `parallelism: 0` is all at once, which stop-first makes a recreate. Its other keys
 * (delay, monitor, failure_action, max_failure_ratio) have no stack.yaml setting.
 */
export function mapUpdateConfig(composeName: string, deploy: CMap, data: Record<string, unknown>, notes: Notes): void {
  const config = entry(deploy, 'update_config');
  if (!config) return;
  if (config.value.kind !== 'map') {
    notes.dropped(config.keyAt, `deploy \`update_config\` of \`${composeName}\``, 'it is not a map');
    return;
  }
  const parallelismText = str(get(config.value, 'parallelism')) ?? '1';
  const order = str(get(config.value, 'order')) ?? 'stop-first';
  for (const e of config.value.entries) {
    if (e.key !== 'parallelism' && e.key !== 'order') notes.dropped(e.keyAt, `update_config \`${e.key}\` of \`${composeName}\``, 'stack.yaml rollouts have no delays, monitoring or failure actions');
  }
  if (!/^\d+$/.test(parallelismText) || (order !== 'start-first' && order !== 'stop-first')) {
    notes.dropped(config.keyAt, `deploy \`update_config\` of \`${composeName}\``, 'its parallelism is not a number or its order is neither start-first nor stop-first');
    return;
  }
  const parallelism = Number(parallelismText);
  const all = parallelism === 0;
  const amount = all ? '100%' : parallelism;
  const rollout =
    order === 'stop-first'
      ? all ? 'recreate' : { strategy: 'rolling', max_surge: 0, max_unavailable: amount }
      : { strategy: 'rolling', max_surge: amount, max_unavailable: 0 };
  data.rollout = rollout;
  notes.changed(config.keyAt, `deploy \`update_config\` of \`${composeName}\` (${order}, parallelism ${parallelismText}) is carried over as its \`rollout\`: \`docker compose up\` ignores it (Swarm reads it), and stackc's Kubernetes, Fly and Railway files read \`rollout\``);
}
