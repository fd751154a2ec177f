import { isMap, isScalar } from 'yaml';
import { endpointsOf } from '../../deploy/endpoints.js';
import { hostNameProblem } from '../../model/host-name.js';
import type { DataPath, Service, Stack } from '../../model/stack.js';
import { findNode } from '../parse.js';
import type { CheckContext, DataCheck, ModelCheck } from './context.js';

/**
 * Per environment, after `${environment.*}` is resolved: each public host is a DNS name a platform
 * can serve (src/model/host-name.ts). Said at the line that wrote it: `public.host`, or the
 * environment's `domain` it defaults to; each other host of `hosts` and each redirect's hosts at
 * their own lines.
 */
export const checkPublicHosts: ModelCheck = (stack, ctx) => {
  for (const view of stack.views.values()) {
    const environment = view.environment;
    for (const s of view.services) {
      if (!s.public) continue;
      const found = hostNameProblem(s.public.host);
      if (found) {
        const written = writtenHost(s, environment.name, ctx);
        const resolved = written?.text !== undefined && written.text !== s.public.host ? ` (\`${written.text}\` in environment \`${environment.name}\`)` : '';
        const path = written?.path ?? [...environment.path, 'domain'];
        ctx.report({
          path,
          code: 'invalid-host',
          message: written
            ? `the public host of \`${s.name}\`, \`${s.public.host}\`${resolved}, is not a valid host name: ${found.problem}`
            : `the domain of environment \`${environment.name}\`, the public host of \`${s.name}\`, is not a valid host name: ${found.problem}`,
          hint: invalidHostHint(found.suggestion),
        });
      }
      const others = [
        ...(s.public.aliases ?? []).map((a) => ({ host: a.name, at: a.at, what: `a public host of \`${s.name}\`` })),
        ...(s.public.redirects ?? []).flatMap((r) => [
          { host: r.from, at: r.at, what: `a host redirecting to \`${s.name}\`` },
          ...(r.toAt ? [{ host: r.to, at: r.toAt, what: `the redirect target of \`${s.name}\`` }] : []),
        ]),
      ];
      for (const other of others) {
        const problem = hostNameProblem(other.host);
        if (!problem) continue;
        const { node } = findNode(ctx.source.doc, other.at);
        const text = isScalar(node) ? String(node.value) : undefined;
        const resolved = text !== undefined && text !== other.host ? ` (\`${text}\` in environment \`${environment.name}\`)` : '';
        ctx.report({ path: other.at, code: 'invalid-host', message: `${other.what}, \`${other.host}\`${resolved}, is not a valid host name: ${problem.problem}`, hint: invalidHostHint(problem.suggestion) });
      }
    }
  }
};

const invalidHostHint = (suggestion: string | undefined): string =>
  `${suggestion ? `did you mean \`${suggestion}\`? ` : ''}a host is a DNS name: lower-case letters, digits, \`-\` and \`.\`, with \`*.\` in front for a wildcard; no scheme, port or path`;

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

/** `host` and `hosts` in one `public`: which one is canonical would be a guess. */
export const checkHostAndHosts: DataCheck = (ctx) => {
  for (const [name, service] of Object.entries(ctx.data.services ?? {})) {
    const places: [DataPath, unknown][] = [
      [['services', name, 'public'], service.public],
      ...Object.entries(service.environments ?? {}).map(([env, o]): [DataPath, unknown] => [['services', name, 'environments', env, 'public'], (o as { public?: unknown } | null)?.public]),
    ];
    for (const [path, p] of places) {
      if (typeof p !== 'object' || p === null || !('host' in p) || !('hosts' in p)) continue;
      ctx.report({
        path: [...path, 'hosts'],
        atKey: true,
        code: 'host-and-hosts',
        message: `the public entry of \`${name}\` has both \`host\` and \`hosts\``,
        hint: 'write one: `hosts` lists every host, the canonical one first',
      });
    }
  }
};

/**
 * Per environment, each redirect (`public.redirects`) leads to one of its service's hosts, not to
 * a wildcard, not to itself, and its `from` host is nobody's served host nor another redirect's:
 * a host answers either with the service or with the redirect, never both.
 */
export const checkPublicRedirects: ModelCheck = (stack, ctx) => {
  for (const view of stack.views.values()) {
    const where = inEnvironment(stack, view.environment.name);
    const served = new Map<string, Service>();
    for (const s of view.services) for (const e of endpointsOf(s, view.environment)) if (!served.has(e.host)) served.set(e.host, s);
    const redirected = new Map<string, Service>();
    for (const s of view.services) {
      const hosts = endpointsOf(s, view.environment).map((e) => e.host);
      for (const r of s.public?.redirects ?? []) {
        if (r.from === r.to) {
          ctx.report({ path: r.toAt ?? r.at, code: 'redirect-loop', message: `\`${r.from}\` redirects to itself${where}`, hint: `a redirect leads from a host that is not \`${s.name}\`'s to one of its hosts (${hosts.map((h) => `\`${h}\``).join(', ')})` });
          continue;
        }
        if (!hosts.includes(r.to) || r.to.startsWith('*.')) {
          ctx.report({
            path: r.toAt ?? r.at,
            code: 'redirect-target',
            message: r.to.startsWith('*.') ? `the redirect from \`${r.from}\` leads to a wildcard, \`${r.to}\`${where}` : `the redirect from \`${r.from}\` leads to \`${r.to}\`, which is not a host of \`${s.name}\`${where}`,
            hint: `redirect to one of ${hosts.filter((h) => !h.startsWith('*.')).map((h) => `\`${h}\``).join(', ')}, or leave \`to\` out for the canonical host${where ? `; where an environment's hosts differ, its override of \`public\` gives it \`redirects\` of its own` : ''}`,
          });
        }
        const owner = served.get(r.from);
        const other = redirected.get(r.from);
        if (owner || other) {
          ctx.report({
            path: r.at,
            code: 'redirect-conflict',
            message: owner
              ? `\`${r.from}\` redirects to \`${s.name}\` but is a public host of \`${owner.name}\`${where}`
              : `\`${r.from}\` redirects to \`${s.name}\` and to \`${other!.name}\`${where}`,
            hint: owner === s ? `drop it from \`hosts\` to redirect it, or from \`redirects\` to serve it` : 'a host either serves one service or redirects to one; remove one of the two',
          });
        } else redirected.set(r.from, s);
      }
    }
  }
};

const inEnvironment = (stack: Stack, environment: string): string => (stack.environments.length > 1 ? ` in environment \`${environment}\`` : '');
