// The Dockerfile a service builds from, read and parsed once per path through the caller's view of
// the project's files (the disk for build and lint, a commit for `diff --base`). The deployment
// model and lint's rules share one reader, so a Dockerfile is parsed once per run.
import { posix } from 'node:path';
import type { Service } from '../model/stack.js';
import { parseDockerfile, type Dockerfile } from './dockerfile.js';

/** Reads a project file by its `/`-separated path relative to the stack's directory; `undefined` when it cannot. */
export type ProjectFiles = (path: string) => string | undefined;

/** The parsed Dockerfile of a service, `undefined` when it builds nothing or the file cannot be read. */
export type DockerfileReader = (service: Service) => Dockerfile | undefined;

/** The Dockerfile of a build, relative to the stack's directory: `dockerfile` is relative to the context. */
export const dockerfilePath = (build: { context: string; dockerfile: string }): string => posix.join(build.context, build.dockerfile);

/** A reader that knows no files: who a built image runs as is then unknown. */
export const noDockerfiles: DockerfileReader = () => undefined;

export function dockerfileReader(files: ProjectFiles): DockerfileReader {
  const parsed = new Map<string, Dockerfile | undefined>();
  return (service) => {
    if (!service.build) return undefined;
    const path = dockerfilePath(service.build);
    if (!parsed.has(path)) {
      const text = files(path);
      parsed.set(path, text === undefined ? undefined : parseDockerfile(path, text));
    }
    return parsed.get(path);
  };
}
