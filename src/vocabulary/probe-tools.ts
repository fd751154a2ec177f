// What a healthcheck can run inside a container, by the image it comes from: a table of base images
// whose contents are documented (their Dockerfiles or build files), each entry citing its source.
// An image not in the table is unknown, never guessed: Compose's probes run inside the container,
// and a probe whose tool is missing leaves the container unhealthy forever.
import { officialImage, type ImageReference } from './image-reference.js';

/** Programs a probe can run in an image: runtimes by absolute path (exec form needs no shell or PATH), tools by name. */
export interface ProbeTools {
  /** A Python 3 interpreter. */
  python?: string;
  /** A Node.js binary. */
  node?: string;
  curl?: true;
  wget?: true;
  /** `nc` with `-z`. */
  nc?: true;
  /** bash, whose `/dev/tcp` opens a TCP connection. */
  bash?: true;
}

export interface BaseImageTools {
  /** The table entry that matched, as the docs name it: `python`, `gcr.io/distroless/nodejs`, `alpine`. */
  family: string;
  tools: ProbeTools;
  /** Where the contents are documented. */
  source: string;
}

interface Entry {
  family: string;
  matches(ref: ImageReference): boolean;
  tools(ref: ImageReference): ProbeTools;
  source: string;
}

const official = (...names: string[]) => (ref: ImageReference) => names.includes(officialImage(ref) ?? '');
const distroless = (pattern: RegExp) => (ref: ImageReference) => ref.registry === 'gcr.io' && pattern.test(ref.repository);

/** BusyBox as Alpine builds it: `wget`, and `nc` with `-z` (CONFIG_WGET, CONFIG_NC_110_COMPAT). */
const BUSYBOX: ProbeTools = { wget: true, nc: true };
const BUSYBOX_SOURCE = 'https://gitlab.alpinelinux.org/alpine/aports/-/blob/master/main/busybox/busyboxconfig';

/** Official images' `*-alpine` variants are built FROM alpine, which keeps BusyBox. */
const alpineVariant = (ref: ImageReference): boolean => /(^|-)alpine/.test(ref.tag ?? '');

const TABLE: readonly Entry[] = [
  {
    family: 'python',
    matches: official('python'),
    // Installed under /usr/local, with `python3` and `python` links.
    tools: (ref) => ({ python: '/usr/local/bin/python3', ...(alpineVariant(ref) ? BUSYBOX : {}) }),
    source: 'https://github.com/docker-library/python/blob/master/3.13/slim-bookworm/Dockerfile',
  },
  {
    family: 'node',
    matches: official('node'),
    // Unpacked into /usr/local; the slim variants purge the curl and wget they download it with.
    tools: (ref) => ({ node: '/usr/local/bin/node', ...(alpineVariant(ref) ? BUSYBOX : {}) }),
    source: 'https://github.com/nodejs/docker-node/blob/main/22/bookworm-slim/Dockerfile',
  },
  {
    family: 'gcr.io/distroless/python3',
    matches: distroless(/^distroless\/python3(-|$)/),
    // No shell; /usr/bin/python3 links to the distribution's Python.
    tools: () => ({ python: '/usr/bin/python3' }),
    source: 'https://github.com/GoogleContainerTools/distroless/blob/main/python3/python.bzl',
  },
  {
    family: 'gcr.io/distroless/nodejs',
    matches: distroless(/^distroless\/nodejs[0-9]*(-|$)/),
    // No shell, and node is not on PATH: the entrypoint is /nodejs/bin/node.
    tools: () => ({ node: '/nodejs/bin/node' }),
    source: 'https://github.com/GoogleContainerTools/distroless/blob/main/nodejs/BUILD',
  },
  {
    family: 'gcr.io/distroless',
    // The `debug` tags add a BusyBox shell whose applets are not documented: unknown.
    matches: (ref) => distroless(/^distroless\/(static|base|base-nossl|cc|java[0-9]*)(-|$)/)(ref) && !/debug/.test(ref.tag ?? ''),
    tools: () => ({}),
    source: 'https://github.com/GoogleContainerTools/distroless/blob/main/README.md',
  },
  {
    family: 'nginx',
    matches: (ref) => official('nginx')(ref) || ref.repository === 'nginxinc/nginx-unprivileged',
    // The Debian variants install curl beside nginx; the Alpine ones have BusyBox.
    tools: (ref) => (alpineVariant(ref) ? BUSYBOX : { curl: true, bash: true }),
    source: 'https://github.com/nginxinc/docker-nginx/blob/master/mainline/debian/Dockerfile',
  },
  {
    family: 'alpine',
    matches: (ref) => official('alpine')(ref) || (officialImage(ref) !== undefined && alpineVariant(ref)),
    tools: () => BUSYBOX,
    source: BUSYBOX_SOURCE,
  },
  {
    family: 'debian',
    // bash is an essential package; curl, wget and netcat are not installed.
    matches: official('debian', 'ubuntu'),
    tools: () => ({ bash: true }),
    source: 'https://github.com/debuerreotype/docker-debian-artifacts',
  },
  {
    family: 'scratch',
    matches: official('scratch'),
    tools: () => ({}),
    source: 'https://docs.docker.com/build/building/base-images/#create-a-minimal-base-image-using-scratch',
  },
];

/** What a probe can run in an image of this reference, or `undefined` when the table does not know it. */
export function baseImageTools(ref: ImageReference): BaseImageTools | undefined {
  const entry = TABLE.find((e) => e.matches(ref));
  return entry && { family: entry.family, tools: entry.tools(ref), source: entry.source };
}

/** Names of the tools, for messages: `python3`, `node`, `curl`, `wget`, `nc`, `bash`. */
export const toolNames = (tools: ProbeTools): string[] =>
  [tools.python && 'python3', tools.node && 'node', tools.curl && 'curl', tools.wget && 'wget', tools.nc && 'nc', tools.bash && 'bash'].filter((x): x is string => typeof x === 'string');
