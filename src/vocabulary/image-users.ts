// Who well-known images run as, from their own Dockerfiles and docs: the deployment model reads it
// for a pulled image without `user` and for a Dockerfile's base image (`USER node` on `node:22` is
// UID 1000), and the diagnostics of Kubernetes and lint read `instead` for an image that starts as
// root. Only images whose users are documented and stable across their tags are listed; any other
// image's user is unknown to stackc.
import { parseImageReference } from './image-reference.js';

export interface NumericUser {
  uid: number;
  gid: number;
}

export interface ImageUsers {
  /** The image as the list names it, for messages: `nginx`, `gcr.io/distroless/*:nonroot`. */
  image: string;
  /** Who it runs as when nothing says otherwise. */
  runs: NumericUser | 'root';
  /** The users it creates, by name. */
  users: Readonly<Record<string, NumericUser>>;
  /** For an image that starts as root: what to run instead, said as a hint. */
  instead?: string;
  /** Where the image documents its user. */
  docs: string;
}

const NGINX_USER = { uid: 101, gid: 101 };
const NODE_USER = { uid: 1000, gid: 1000 };
const NONROOT = { uid: 65532, gid: 65532 };

/** Docker Hub's official images by repository (`library/<name>`), and other registries' by `<registry>/<repository>`. */
const KNOWN: Readonly<Record<string, Omit<ImageUsers, 'image'>>> = {
  // The master process starts as root to bind port 80, then runs workers as `nginx` (101).
  'library/nginx': {
    runs: 'root',
    users: { nginx: NGINX_USER },
    instead: '`nginxinc/nginx-unprivileged` (the same nginx as UID 101, listening on 8080), with `user: "101:101"`',
    docs: 'https://hub.docker.com/_/nginx',
  },
  'nginxinc/nginx-unprivileged': { runs: NGINX_USER, users: { nginx: NGINX_USER }, docs: 'https://github.com/nginxinc/docker-nginx-unprivileged' },
  // httpd's parent process runs as root to bind port 80; its children switch to `daemon`.
  'library/httpd': {
    runs: 'root',
    users: {},
    instead: 'an image built to run unprivileged on a port above 1024, or `user: 0`, which keeps the capabilities httpd needs to start as root and drop to `daemon`',
    docs: 'https://hub.docker.com/_/httpd',
  },
  // node runs as root unless told; its `node` user is UID/GID 1000 in every variant.
  'library/node': { runs: 'root', users: { node: NODE_USER }, instead: 'the image\'s own `node` user: `user: "1000:1000"`', docs: 'https://github.com/nodejs/docker-node/blob/main/docs/BestPractices.md#non-root-user' },
};

/** Distroless: `:nonroot` tags run as `nonroot` (65532), the others as root. */
function distroless(tag: string | undefined): Omit<ImageUsers, 'image'> {
  const nonroot = tag !== undefined && /(^|-)nonroot($|-)/.test(tag);
  return {
    runs: nonroot ? NONROOT : 'root',
    users: { nonroot: NONROOT },
    ...(nonroot ? {} : { instead: 'the `:nonroot` tag of the same image (UID 65532), with `user: "65532:65532"`' }),
    docs: 'https://github.com/GoogleContainerTools/distroless/blob/main/README.md',
  };
}

/** What stackc knows about the user of `image` (a reference as written), or `undefined`. */
export function knownImageUsers(image: string): ImageUsers | undefined {
  const ref = parseImageReference(image);
  if (ref.registry === 'gcr.io' && ref.repository.startsWith('distroless/')) return { image: `gcr.io/${ref.repository}`, ...distroless(ref.tag) };
  const key = ref.registry === 'docker.io' ? ref.repository : `${ref.registry}/${ref.repository}`;
  const known = KNOWN[key];
  return known ? { image: key.replace(/^library\//, ''), ...known } : undefined;
}
