import { didYouMean } from '../../diagnostics/suggest.js';
import { parseCron } from '../../model/cron.js';
import type { DataPath } from '../../model/stack.js';
import { jobSettingsIn } from '../normalize.js';
import { entries, type CheckContext, type DataCheck } from './context.js';

/** Jobs share the name space of services and resources: all three become names on the platforms. */
export const checkJobNames: DataCheck = (ctx) => {
  for (const [name] of entries(ctx.data.jobs)) {
    for (const kind of ['services', 'resources'] as const) {
      if (!ctx.data[kind]?.[name]) continue;
      const what = kind === 'services' ? 'service' : 'resource';
      ctx.report({ path: ['jobs', name], atKey: true, code: 'duplicate-name', message: `\`${name}\` is both a job and a ${what}`, hint: `jobs, services and resources share one set of names (they name the platform's objects); rename the job, e.g. \`${name}-job\``, related: [{ message: `the ${what} is declared here`, path: [kind, name] }] });
    }
  }
};

/** `from` names a container service; each environment's settings say what runs and when. */
export const checkJobSettings: DataCheck = (ctx) => {
  const services = ctx.data.services ?? {};
  for (const [name, job] of entries(ctx.data.jobs)) {
    const path: DataPath = ['jobs', name];
    const froms: [DataPath, string | undefined][] = [[[...path, 'from'], job.from]];
    let fromProblem = false;
    for (const [at, from] of froms) {
      if (from === undefined) continue;
      const service = services[from];
      if (!service) {
        fromProblem = true;
        ctx.report({ path: at, code: 'unknown-service', message: `job \`${name}\` runs \`from\` unknown service \`${from}\``, hint: didYouMean(from, Object.keys(services)) ?? `container services: ${Object.keys(services).join(', ')}` });
      } else if (service.static && job.http === undefined) {
        fromProblem = true;
        ctx.report({ path: at, code: 'invalid-value', message: `job \`${name}\` cannot run \`from\` the static site \`${from}\`: it has no container`, hint: 'name a service with `build` or `image`, or give the job its own' });
      }
    }
    if (fromProblem) continue;
    for (const environment of ctx.environments) {
      const settings = jobSettingsIn(name, job, environment, ctx.data);
      if (!settings) continue;
      const { merged, origins } = settings;
      const at = (key: string): DataPath => origins[key] ?? [...path, key];
      if (typeof merged.http === 'string') checkHttpJob(ctx, name, merged, at, environment);
      else if (merged.build === undefined && merged.image === undefined) {
        ctx.report({ path, atKey: true, code: 'missing-key', message: `job \`${name}\` needs \`from\`, \`build\` or \`image\``, hint: 'for example `from: api` to run in the image of the service `api`, with its env and secrets' });
      }
      if (merged.schedule !== undefined && merged.trigger !== undefined) {
        ctx.report({ path: at('trigger'), atKey: true, code: 'conflicting-keys', message: `job \`${name}\` has \`schedule\` and \`trigger\``, hint: 'a job runs on a schedule, or on a trigger (`manual`, `post-deploy`): remove one' });
      } else if (merged.schedule === undefined && merged.trigger === undefined) {
        ctx.report({ path, atKey: true, code: 'missing-key', message: `job \`${name}\` needs \`schedule\` or \`trigger\`${ctx.environments.length > 1 ? ` (in environment \`${environment}\`)` : ''}`, hint: 'say when it runs: `schedule: "0 3 * * *"` (03:00 UTC every day), `trigger: manual` or `trigger: post-deploy`' });
      }
      if (typeof merged.schedule === 'string') {
        const cron = parseCron(merged.schedule);
        if (!cron.ok) ctx.report({ path: at('schedule'), code: 'invalid-schedule', message: `job \`${name}\`: ${cron.message}`, hint: cron.hint });
      }
      if (typeof merged.timezone === 'string') {
        if (merged.schedule === undefined) {
          ctx.report({ path: at('timezone'), atKey: true, code: 'conflicting-keys', message: `job \`${name}\` has a \`timezone\` but no \`schedule\``, hint: 'a time zone is what a schedule is read in: remove it, or add a `schedule`' });
        } else if (!isTimeZone(merged.timezone)) {
          ctx.report({ path: at('timezone'), code: 'invalid-timezone', message: `\`${merged.timezone}\` is not an IANA time zone`, hint: 'a name from the tz database such as `Europe/Berlin`, `America/New_York` or `UTC`' });
        }
      }
      if (merged.concurrency !== undefined && merged.schedule === undefined) {
        ctx.report({ path: at('concurrency'), atKey: true, code: 'conflicting-keys', message: `job \`${name}\` has a \`concurrency\` policy but no \`schedule\``, hint: 'the policy says what a scheduled run does while the previous one still runs: remove it, or add a `schedule`' });
      }
    }
  }
};

/** What only a container job has: an HTTP job runs nothing of its own. */
const CONTAINER_KEYS = ['build', 'image', 'command', 'env', 'secrets', 'volumes', 'user', 'resources'] as const;

/**
 * `http:` is a request to a path of the `from` service on a schedule: the service must have an
 * address to request (a static site, or `public` in the environment), and the job nothing to run.
 */
function checkHttpJob(ctx: CheckContext, name: string, merged: Record<string, unknown>, at: (key: string) => DataPath, environment: string): void {
  const from = typeof merged.from === 'string' ? ctx.data.services?.[merged.from] : undefined;
  if (merged.from === undefined) {
    ctx.report({ path: at('http'), atKey: true, code: 'missing-key', message: `job \`${name}\` requests \`${String(merged.http)}\` but has no \`from\` saying of which service`, hint: 'add `from: <service>`: the static site or public service that serves the path' });
  } else if (from && !from.static && (from.environments?.[environment]?.public ?? from.public) === undefined) {
    ctx.report({ path: at('from'), code: 'invalid-value', message: `job \`${name}\` requests \`${String(merged.http)}\` of \`${String(merged.from)}\`, which has no public address${ctx.environments.length > 1 ? ` in environment \`${environment}\`` : ''}`, hint: `give \`${String(merged.from)}\` a \`public:\` entry, or name a static site or a public service in \`from\`` });
  }
  for (const key of CONTAINER_KEYS) {
    if (merged[key] === undefined) continue;
    ctx.report({ path: at(key), atKey: true, code: 'conflicting-keys', message: `job \`${name}\` has \`http\` and \`${key}\``, hint: 'an HTTP job is a request to a path of its `from` service and runs no container: remove `' + key + '`, or remove `http` to run a command' });
  }
  if (merged.trigger !== undefined && merged.schedule === undefined) {
    ctx.report({ path: at('trigger'), atKey: true, code: 'conflicting-keys', message: `job \`${name}\` has \`http\` and \`trigger: ${String(merged.trigger)}\``, hint: 'an HTTP job is a scheduled request (Vercel\'s crons): give it a `schedule`, or run a command with `trigger`' });
  }
}

/** An IANA zone name the runtime knows (its tz database); offsets and abbreviations are not names. */
function isTimeZone(name: string): boolean {
  if (!/^[A-Za-z][A-Za-z0-9_+-]*(\/[A-Za-z0-9_+-]+)*$/.test(name)) return false;
  try {
    new Intl.DateTimeFormat('en', { timeZone: name });
    return true;
  } catch {
    return false;
  }
}
