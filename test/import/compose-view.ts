// A compose project reduced to what the round trip compares: per service the image, published
// ports with their host address, variable names, healthcheck, dependencies and mounts. The original
// and the generated compose file are read by the same code (the importer's own reader and parsers).
import { resolve } from 'node:path';
import { parseDependsOn, parseHealthcheck, parsePorts, parseVolumes } from '../../src/import/compose-model.js';
import { familiarImage } from '../../src/vocabulary/image-reference.js';
import { get, str, type CMap } from '../../src/import/tree.js';

export interface ServiceView {
  image?: string;
  /** `<container>/<proto>` → `<address>:<host|random>` or `expose`. */
  ports: Map<string, string>;
  env: Set<string>;
  healthcheck?: string;
  /** dependency → condition. */
  dependsOn: Map<string, string>;
  /** mount target → `volume:<name>` / `bind:<absolute path>` (+ `:ro`). */
  volumes: Map<string, string>;
}

/** @param profile the Compose profile started (`--profile`): its services run beside those without profiles */
export function composeView(root: CMap, baseDir: (file: string) => string, envNames: (service: string, node: CMap) => string[], profile?: string): Map<string, ServiceView> {
  const out = new Map<string, ServiceView>();
  const services = get(root, 'services');
  for (const s of services?.kind === 'map' ? services.entries : []) {
    const profiles = get(s.value, 'profiles');
    if (s.value.kind !== 'map' || (profiles && !(profiles.kind === 'seq' && profiles.items.some((p) => str(p) === profile)))) continue;
    const svc = s.value;
    const image = str(get(svc, 'image'));
    const ports = new Map<string, string>();
    for (const p of parsePorts(svc).ports) {
      // Every address of the host (Compose's default) is `*`.
      const address = !p.hostIp || p.hostIp === '0.0.0.0' || p.hostIp === '::' ? '*' : p.hostIp;
      for (let c = p.container; c <= p.containerEnd; c++) ports.set(`${c}/${p.protocol}`, p.exposeOnly ? 'expose' : `${address}:${p.host === undefined ? 'random' : String(p.host + (c - p.container))}`);
    }
    let healthcheck: string | undefined;
    const hc = get(svc, 'healthcheck');
    if (hc) {
      const h = parseHealthcheck(hc);
      healthcheck = h.disable ? 'disabled' : JSON.stringify([h.test, h.intervalMs ?? 30000, h.timeoutMs ?? 30000, h.retries ?? 3, h.startPeriodMs ?? 0]);
    }
    const volumes = new Map<string, string>();
    for (const m of parseVolumes(svc).mounts) {
      const source = m.type === 'bind' ? `bind:${resolve(baseDir(m.at.file), m.source!)}` : m.type === 'volume' ? `volume:${m.source}` : m.type;
      volumes.set(m.target.replace(/(.)\/+$/, '$1'), `${source}${m.readOnly ? ':ro' : ''}`);
    }
    out.set(s.key, {
      ...(image ? { image: familiarImage(image) } : {}),
      ports,
      env: new Set(envNames(s.key, svc)),
      ...(healthcheck ? { healthcheck } : {}),
      dependsOn: new Map(parseDependsOn(svc).map((d) => [d.name, d.condition])),
      volumes,
    });
  }
  return out;
}
