// `files:` as Compose configs (https://docs.docker.com/reference/compose-file/configs/): each file is
// a top-level config (`file:` for a file of the repository, read when Compose starts, or `content:`
// for inline text, Compose 2.23.1+) that the service mounts at its path. Compose interpolates
// `content:` from the env file like the rest of the file, so a secret in inline content is filled in
// when the container starts and never written here. A config mounts only that file at the path.
import type { DeployedFile, DeployedService } from '../../src/deploy/model.js';
import { fileSite, resolveFile } from '../../src/deploy/mounted-files.js';
import { relativePath } from '../../src/emit/paths.js';
import type { Scope } from './scope.js';
import { literal } from './text.js';
import { composeValue } from './value.js';

/** A top-level config: what Compose mounts. */
export type ComposeConfig = { file: string } | { content: string };

/** The service's `configs:` entries, declaring each file's config in the scope. */
export function fileConfigs(service: DeployedService, scope: Scope): Record<string, unknown>[] {
  return service.files.map((file) => {
    const name = configName(service.name, file.path, scope);
    scope.configs.set(name, configOf(file, service, scope));
    return { source: name, target: literal(file.path), ...(file.mode !== undefined ? { mode: file.mode } : {}) };
  });
}

function configOf(file: DeployedFile, service: DeployedService, scope: Scope): ComposeConfig {
  if (file.content.kind === 'repository') return { file: literal(relativePath(file.content.source, scope.stackFile)) };
  const site = fileSite(file, service, scope.environment);
  return { content: composeValue(resolveFile(file, scope.book, site, scope.report), site, scope.vars) };
}

/** `<service>-<file name>` (`proxy-nginx.conf`), numbered when two files share it. */
function configName(service: string, path: string, scope: Scope): string {
  const base = `${service}-${(path.split('/').at(-1) ?? 'file').replace(/[^A-Za-z0-9._-]/g, '-')}`;
  let name = base;
  for (let n = 2; scope.configs.has(name); n++) name = `${base}-${n}`;
  return name;
}
