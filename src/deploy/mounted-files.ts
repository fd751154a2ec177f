// `files:` in the deployment model: what each file holds, decided once for every target. A
// repository file is read here (through the caller's view of the project, as Dockerfiles are) and
// is literal text: its `${` are its own. Inline content is a template the target resolves through
// the one reference resolver, like an env value. What no target may do is decided here too: a file
// is written into the generated files, so a secret in it can only be filled in by a platform that
// does so at run time (Compose interpolates its configs from the env file); the others refuse it.
import type { ProjectFiles } from '../dockerfile/reader.js';
import type { Problem, Report } from '../diagnostics/problem.js';
import type { MountedFile, Service } from '../model/stack.js';
import { references, type Template } from '../model/template.js';
import type { DeployedEnvironment, DeployedService } from './model.js';
import { plainText, resolveReference, resolveTemplate, type AddressBook, type ReferenceSite, type ValuePart } from './references.js';

export interface DeployedFile extends MountedFile {
  /**
   * What the container sees: inline content, or a repository file's text as plain text. Absent for a
   * repository file the caller did not read (graph and lint read none) or could not (reported).
   */
  text?: Template;
}

/** The files of a service (or of anything that mounts files: jobs) with their content; a repository file that cannot be read is an error at its `source`. */
export function deployedFiles(service: Pick<Service, 'name' | 'files'>, read: ProjectFiles | undefined, report: Report): DeployedFile[] {
  return service.files.map((file): DeployedFile => {
    const { content } = file;
    if (content.kind === 'inline') return { ...file, text: content.template };
    if (!read) return file;
    const text = read(content.source);
    if (text !== undefined) return { ...file, text: { parts: text ? [text] : [] } };
    report({
      severity: 'error',
      code: 'missing-file',
      message: `the file \`${content.source}\` mounted at \`${file.path}\` of \`${service.name}\` cannot be read: it is missing, not a file, binary, or over 1 MiB`,
      path: content.at,
      hint: 'name a text file of the project, relative to stack.yaml (a binary or large file belongs in the image)',
    });
    return file;
  });
}

/** Where a file's references are read, for the resolver and its warnings (which name the file's path). */
export const fileSite = (file: DeployedFile, reader: DeployedService, environment: DeployedEnvironment): ReferenceSite => ({
  environment,
  reader,
  variable: file.path,
  path: file.content.at,
});

/** The file's content resolved with a target's address book (empty when it has none: see `text`). */
export const resolveFile = (file: DeployedFile, book: AddressBook, site: ReferenceSite, report: Report): ValuePart[] =>
  file.text ? resolveTemplate(file.text, book, site, report) : [];

/** A platform that fills no file in at run time: who says so in messages, and its diagnostic code. */
export interface StaticFilePlatform {
  /** `<target>/file-secret`. */
  code: string;
  /** `Kubernetes`, `Fly.io`. */
  title: string;
}

/**
 * The file's text where every part is plain, else the error (worded once) for a platform that cannot
 * fill in a secret or a value set on the platform at run time: such a value is never written into a
 * generated file.
 */
export function plainFileText(file: DeployedFile, parts: readonly ValuePart[], book: AddressBook, site: ReferenceSite, platform: StaticFilePlatform): { text: string } | { problem: Problem } {
  const text = plainText(parts);
  if (text !== undefined) return { text };
  const culprit = file.text ? references(file.text).find((ref) => plainText(resolveReference(ref, book, site, () => {})) === undefined) : undefined;
  const what = culprit ? `\`${culprit.text}\`, ` : '';
  return {
    problem: {
      severity: 'error',
      code: platform.code,
      message: `the file \`${file.path}\` of \`${site.reader.name}\` holds ${what}a value stackc does not write into files (a secret, or one set on the platform), and ${platform.title} cannot fill a file in when the container starts`,
      path: file.content.at,
      hint: 'pass the value in an env variable (`env:`, `secrets:`) and have the app or its entry point read it there; or keep this file to the Compose target, which fills it in from the env file',
    },
  };
}
