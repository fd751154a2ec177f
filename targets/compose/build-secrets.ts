// BuildKit secrets of the images Compose builds (`build.secrets`): each is a top-level secret read
// from the variable of the same name, which Compose looks up in the shell and the project's env file
// alike (compose-go merges the env file into the environment it resolves `environment:` secrets
// from: loader/environment.go, resolveSecretsEnvironment). The value reaches the build as
// /run/secrets/<id>, never the image. https://docs.docker.com/compose/how-tos/use-secrets/#build-secrets
import type { Scope } from './scope.js';

/** The top-level `secrets:` entries of the file: one per build secret name, sorted. */
export function buildSecretsOf(scope: Scope): Map<string, { environment: string }> {
  const names = new Set<string>();
  for (const service of scope.services) {
    for (const name of service.build?.secrets ?? []) {
      names.add(name);
      scope.vars.secret(name, 'secret', `Build secret: \`docker compose build\` mounts it as /run/secrets/${name} (RUN --mount=type=secret,id=${name}).`, service.name);
    }
  }
  return new Map([...names].sort().map((name) => [name, { environment: name }]));
}
