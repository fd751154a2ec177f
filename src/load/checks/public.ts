import { isMap, isScalar } from 'yaml';
import { endpointsOf } from '../../deploy/endpoints.js';
import { hostNameProblem } from '../../model/host-name.js';
import type { DataPath, Service, Stack } from '../../model/stack.js';
import { findNode } from '../parse.js';
import type { CheckContext, ModelCheck } from './context.js';

/**
 * Per environment, after `${environment.*}` is resolved: each public host is a DNS name a platform
 * can serve (src/model/host-name.ts). Said at the line that wrote it: `public.host`, or the
 * environment's `domain` it defaults to.
 */
export const checkPublicHosts: ModelCheck = (stack, ctx) => {
  for (const view of stack.views.values()) {
    const environment = view.environment;
    for (const s of view.services) {
      if (!s.public) continue;
      const found = hostNameProblem(s.public.host);
      if (!found) continue;
      const written = writtenHost(s, environment.name, ctx);
      const resolved = written?.text !== undefined && written.text !== s.public.host ? ` (\`${written.text}\` in environment \`${environment.name}\`)` : '';
      const path = written?.path ?? [...environment.path, 'domain'];
      ctx.report({
        path,
        code: 'invalid-host',
        message: written
          ? `the public host of \`${s.name}\`, \`${s.public.host}\`${resolved}, is not a valid host name: ${found.problem}`
          : `the domain of environment \`${environment.name}\`, the public host of \`${s.name}\`, is not a valid host name: ${found.problem}`,
        hint: `${found.suggestion ? `did you mean \`${found.suggestion}\`? ` : ''}a host is a DNS name: lower-case letters, digits, \`-\` and \`.\`, with \`*.\` in front for a wildcard; no scheme, port or path`,
      });
    }
  }
};

/**
 * Where `public.host` of a service is written for an environment, with its text: the override's,
 * else the base's unless the override replaces `public` with `true` (then the domain is the host).
 */
function writtenHost(s: Service, environment: string, ctx: CheckContext): { path: DataPath; text?: string } | undefined {
  const override = [...s.path, 'environments', environment, 'public'];
  const replaced = findNode(ctx.source.doc, override);
  const candidates = replaced.found && !isMap(replaced.node) ? [] : [[...override, 'host'], [...s.path, 'public', 'host']];
  for (const path of candidates) {
    const { node, found } = findNode(ctx.source.doc, path);
    if (found) return { path, ...(isScalar(node) ? { text: String(node.value) } : {}) };
  }
  return undefined;
}

/**
 * Per environment: no two services share a public address (host and path). Whatever the platform, a
 * host leads to one place and a path under it to one service: two Kubernetes Ingresses for one rule
 * are refused or served arbitrarily by the controller, and one domain attaches to one Fly app,
 * Railway service or Vercel project. A static site without `public` is served at the root of the
 * environment's domain, so it counts too. Each pair is said once, in the first environment it meets.
 */
export const checkPublicRoutes: ModelCheck = (stack, ctx) => {
  const said = new Set<string>();
  for (const view of stack.views.values()) {
    const taken = new Map<string, { service: Service; at: DataPath }>();
    for (const s of view.services) {
      for (const e of endpointsOf(s, view.environment)) {
        const first = taken.get(e.address);
        if (!first) {
          taken.set(e.address, { service: s, at: e.at });
          continue;
        }
        const pair = `${first.service.name}\0${s.name}`;
        if (said.has(pair)) continue;
        said.add(pair);
        ctx.report({
          path: e.at,
          code: 'duplicate-route',
          message: `\`${s.name}\` and \`${first.service.name}\` are both served at \`${e.address}${e.path === '/' ? '/' : ''}\`${inEnvironment(stack, view.environment.name)}`,
          hint: `give one its own host or path, e.g. \`public: { host: "${s.name}.\${environment.domain}" }\` or \`public: { path: /${s.name} }\``,
          related: [{ message: `\`${first.service.name}\` is served there`, path: first.at }],
        });
      }
    }
  }
};

const inEnvironment = (stack: Stack, environment: string): string => (stack.environments.length > 1 ? ` in environment \`${environment}\`` : '');
