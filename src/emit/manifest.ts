// .stackc/manifest.json: which files stackc generated, with their hash. No timestamps, so an
// unchanged rebuild rewrites nothing and the manifest can be committed.
import { artifactPathProblem } from './artifact-path.js';

export const MANIFEST_PATH = '.stackc/manifest.json';

export interface ManifestEntry {
  path: string;
  sha256: string;
  target: string;
  environment?: string;
  /** Names of the secrets the file makes its platform read (Artifact.facts), so `diff` knows them for a file written earlier. */
  secrets?: string[];
  /** What the platform calls what the file deploys (Artifact.facts), so `diff` sees a rename after an upgrade. */
  names?: Record<string, string>;
}

export interface Manifest {
  version: 1;
  files: ManifestEntry[];
}

export const emptyManifest = (): Manifest => ({ version: 1, files: [] });

export function serializeManifest(manifest: Manifest): string {
  const files = [...manifest.files].sort((a, b) => (a.path < b.path ? -1 : a.path > b.path ? 1 : 0));
  return `${JSON.stringify({ version: 1, generator: 'stackc', files }, null, 2)}\n`;
}

const SECRET_NAME = /^[A-Za-z_][A-Za-z0-9_.-]{0,255}$/;

const withoutSecrets = ({ secrets: _, ...entry }: ManifestEntry): ManifestEntry => entry;
const withoutNames = ({ names: _, ...entry }: ManifestEntry): ManifestEntry => entry;
const NAME = /^[A-Za-z0-9][A-Za-z0-9._-]{0,127}$/;
const plainNames = (names: unknown): boolean =>
  typeof names === 'object' && names !== null && !Array.isArray(names) && Object.entries(names).every(([k, v]) => NAME.test(k) && typeof v === 'string' && NAME.test(v));

/**
 * Parses a manifest; `undefined` when it is not one (the caller reports it). An entry whose path
 * could leave the output root (`../x`, `/etc/x`) makes it not one: pruning trusts these paths.
 */
export function parseManifest(text: string): Manifest | undefined {
  try {
    const data = JSON.parse(text) as { version?: unknown; files?: unknown };
    if (data.version !== 1 || !Array.isArray(data.files)) return undefined;
    const files = data.files.filter(
      (f): f is ManifestEntry => !!f && typeof f === 'object' && typeof (f as ManifestEntry).path === 'string' && typeof (f as ManifestEntry).sha256 === 'string' && typeof (f as ManifestEntry).target === 'string' && artifactPathProblem((f as ManifestEntry).path) === undefined,
    );
    if (files.length !== data.files.length) return undefined;
    // Secret names are shown by `diff`: anything that is not a list of plain names is dropped.
    // Names too (a Railway service's): anything else is dropped.
    const checked = files.map((f) => (f.secrets === undefined || (Array.isArray(f.secrets) && f.secrets.every((s) => typeof s === 'string' && SECRET_NAME.test(s))) ? f : withoutSecrets(f)));
    return { version: 1, files: checked.map((f) => (f.names === undefined || plainNames(f.names) ? f : withoutNames(f))) };
  } catch {
    return undefined;
  }
}
