// `files:` as fly.toml `[[files]]` (https://fly.io/docs/reference/configuration/#the-files-section):
// each file's content written as `raw_value` (base64), so the file does not depend on the directory
// flyctl runs in, and a changed file shows in the fly.toml's diff. Fly writes it into each Machine at
// `guest_path`. A secret can only be a whole file there (`secret_name`), never a part of one, so a
// file holding a secret is refused (src/deploy/mounted-files.ts). fly.toml has no file mode: the
// `fly/file-mode` gap.
import type { DeployedService } from '../../src/deploy/model.js';
import { fileSite, plainFileText, resolveFile } from '../../src/deploy/mounted-files.js';
import type { Scope } from './scope.js';
import type { Table } from './toml.js';

export function filesTables(service: DeployedService, scope: Scope): Table[] {
  return service.files.flatMap((file): Table[] => {
    const site = fileSite(file, service, scope.environment);
    const plain = plainFileText(file, resolveFile(file, scope.book, site, scope.report), scope.book, site, { code: 'fly/file-secret', title: 'Fly.io' });
    if ('problem' in plain) {
      scope.report(plain.problem);
      return [];
    }
    return [{ name: 'files', array: true, entries: [['guest_path', file.path], ['raw_value', Buffer.from(plain.text, 'utf8').toString('base64')]] }];
  });
}
