// Container image references, read by the grammar of distribution/reference (what `docker pull`
// reads): `[host[:port]/]path[:tag][@digest]`. The first `/`-component is a registry host only when
// it looks like one (it has a `.` or a `:`, is `localhost`, or has upper-case letters, which a
// repository path cannot); otherwise the image is on Docker Hub, where a one-component path is an
// official image under `library/`. A registry port is not a tag: the tag follows the last `/`.

export const DOCKER_HUB = 'docker.io';
/** Names Docker Hub is also written under; they are the same registry. */
const DOCKER_HUB_ALIASES = new Set([DOCKER_HUB, 'index.docker.io', 'registry-1.docker.io']);

export interface ImageReference {
  /** Registry host, with its port: `ghcr.io`, `registry.internal:5000`; `docker.io` when none is written. */
  registry: string;
  /** Path on the registry, canonical: `acme/api`, and `library/postgres` for `postgres`. */
  repository: string;
  /** The reference as written, without tag and digest: `ghcr.io/acme/api`, `postgres`. */
  name: string;
  tag?: string;
  /** `sha256:…`, without the `@`. */
  digest?: string;
}

/**
 * Splits a reference into its parts without judging it, so that readers of text stackc did not
 * check (a Dockerfile's FROM, a file on disk) still get an answer; `isImageReference` judges.
 */
export function parseImageReference(text: string): ImageReference {
  const at = text.indexOf('@');
  const digest = at >= 0 ? text.slice(at + 1) : undefined;
  const ref = at >= 0 ? text.slice(0, at) : text;
  const colon = ref.indexOf(':', ref.lastIndexOf('/') + 1);
  const name = colon >= 0 ? ref.slice(0, colon) : ref;
  const tag = colon >= 0 ? ref.slice(colon + 1) : undefined;
  const slash = name.indexOf('/');
  const first = name.slice(0, Math.max(slash, 0));
  const host = slash >= 0 && (/[.:]/.test(first) || first === 'localhost' || first !== first.toLowerCase()) ? first : undefined;
  const registry = host === undefined || DOCKER_HUB_ALIASES.has(host) ? DOCKER_HUB : host;
  const path = host === undefined ? name : name.slice(slash + 1);
  const repository = registry === DOCKER_HUB && !path.includes('/') ? `library/${path}` : path;
  return { registry, repository, name, ...(tag !== undefined ? { tag } : {}), ...(digest !== undefined ? { digest } : {}) };
}

/** The registry a reference pulls from: `ghcr.io` for `ghcr.io/acme/api`, `docker.io` for `redis`. */
export const registryOf = (text: string): string => parseImageReference(text).registry;

/** The repository's last component, what the image is: `postgres` for `docker.io/bitnami/postgres:16`. */
export const imageBaseName = (ref: ImageReference): string => ref.repository.slice(ref.repository.lastIndexOf('/') + 1);

/** The Docker Hub official image a reference names (`postgres` for `postgres:16` or `docker.io/library/postgres`), if it names one. */
export function officialImage(ref: ImageReference): string | undefined {
  const m = /^library\/([^/]+)$/.exec(ref.repository);
  return ref.registry === DOCKER_HUB && m ? m[1] : undefined;
}

/** The shortest reference to the same image, as `docker` prints it: `docker.io/library/postgres:16` → `postgres:16`. */
export function familiarImage(text: string): string {
  const ref = parseImageReference(text);
  const name = ref.registry !== DOCKER_HUB ? ref.name : (officialImage(ref) ?? ref.repository);
  return `${name}${ref.tag !== undefined ? `:${ref.tag}` : ''}${ref.digest !== undefined ? `@${ref.digest}` : ''}`;
}

// The grammar itself, as schema/stack.schema.json's `imageRef` pattern writes it (a test keeps the
// two equal): host components and port, lower-case path components joined by `.`, `_`, `__` or
// dashes, a tag of up to 128 characters, a sha256 digest.
const HOST_COMPONENT = '[a-zA-Z0-9](?:[a-zA-Z0-9-]*[a-zA-Z0-9])?';
const PATH_COMPONENT = '[a-z0-9]+(?:(?:[._]|__|-+)[a-z0-9]+)*';
export const IMAGE_REFERENCE = new RegExp(
  `^(?:${HOST_COMPONENT}(?:\\.${HOST_COMPONENT})*(?::[0-9]+)?/)?${PATH_COMPONENT}(?:/${PATH_COMPONENT})*(?::[A-Za-z0-9_][A-Za-z0-9_.-]{0,127})?(?:@sha256:[a-f0-9]{64})?$`,
);

/** Whether a text is a valid image reference (what `image:` in stack.yaml accepts). */
export const isImageReference = (text: string): boolean => IMAGE_REFERENCE.test(text);
