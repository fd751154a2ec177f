// The hosts of a Traefik setup: a router rule made only of `Host(...)` matchers joined by `||`
// (`traefik.http.routers.<router>.rule: Host(\`shop.example\`) || Host(\`www.shop.example\`)`)
// routes those hosts to the service (https://doc.traefik.io/traefik/routing/routers/#rule), which
// stack.yaml says as `public.hosts`. A rule with anything else (`PathPrefix`, `&&`, `HostRegexp`)
// is not a plain list of hosts: it is left as a label, as before. The labels stay either way.
import { hostNameProblem } from '../model/host-name.js';
import type { Notes } from './notes.js';
import type { CMap } from './tree.js';
import type { ImportedPublic } from './virtual-host.js';

const RULE_KEY = /^traefik\.http\.routers\.[^.]+\.rule$/;
const SERVER_PORT = /^traefik\.http\.services\.[^.]+\.loadbalancer\.server\.port$/;
/** `Host(`a`)` or `Host(`a`, `b`)` (Traefik v2 takes several), with the spaces Traefik allows. */
const HOST_MATCHER = /^\(?\s*Host\(\s*(`[^`]+`(?:\s*,\s*`[^`]+`)*)\s*\)\s*\)?$/;

/** The hosts of a rule made only of `Host` matchers, or `undefined`. */
export function ruleHosts(rule: string): string[] | undefined {
  const hosts: string[] = [];
  for (const term of rule.split('||')) {
    const m = HOST_MATCHER.exec(term.trim());
    if (!m) return undefined;
    hosts.push(...m[1]!.split(',').map((h) => h.trim().slice(1, -1)));
  }
  return hosts;
}

/** `public` from the service's Traefik router rules, when it has ports and Traefik is not disabled for it. */
export function publicFromTraefik(composeName: string, labels: CMap | undefined, ports: readonly number[], notes: Notes): ImportedPublic | undefined {
  if (!labels || ports.length === 0) return undefined;
  const value = (key: RegExp | string) => {
    const e = labels.entries.find((x) => (typeof key === 'string' ? x.key === key : key.test(x.key)));
    return e?.value.kind === 'scalar' && e.value.value !== null ? { text: String(e.value.value), at: e.value.at } : undefined;
  };
  if (value('traefik.enable')?.text === 'false') return undefined;
  const rules = labels.entries.filter((e) => RULE_KEY.test(e.key) && e.value.kind === 'scalar');
  const hosts: string[] = [];
  for (const rule of rules) {
    const found = ruleHosts(String((rule.value as { value: unknown }).value));
    for (const h of found ?? []) {
      const problem = hostNameProblem(h);
      if (problem) notes.dropped(rule.value.at, `host \`${h}\` of \`${composeName}\`'s Traefik rule`, `it is not a host name stack.yaml can serve: ${problem.problem}`);
      else if (!hosts.includes(h)) hosts.push(h);
    }
  }
  if (hosts.length === 0) return undefined;
  const portText = value(SERVER_PORT)?.text;
  const port = portText && /^[0-9]+$/.test(portText) && ports.includes(Number(portText)) ? Number(portText) : undefined;
  notes.changed(rules[0]!.value.at, `\`${composeName}\` is public at ${hosts.map((h) => `\`${h}\``).join(', ')} (its Traefik rule): stackc's targets route ${hosts.length > 1 ? 'them' : 'it'} themselves; Compose still needs Traefik in front`);
  return { ...(hosts.length === 1 ? { host: hosts[0]! } : { hosts }), ...(port !== undefined && port !== ports[0] ? { port } : {}) };
}
