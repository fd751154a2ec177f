// `.env.example`: every variable the compose file interpolates, without values, each with a comment
// saying what it is for. The user copies it to the env file Compose reads and fills it in.
import { generatedHeader, commentLines } from '../../src/emit/serialize/header.js';
import type { Artifact } from '../../src/emit/target.js';
import { serviceVariableLines } from './env-reference.js';
import type { Scope } from './scope.js';
import { listText } from '../../src/emit/text.js';
import type { Variable } from './variables.js';

const SECTIONS: Record<Variable['group'], string> = {
  resource: 'Backing services',
  secret: 'Secrets',
  image: 'Images',
  other: 'Other settings',
};

/** `undefined` when the compose file reads no variables and no service has any. */
export function envExample(scope: Scope): Artifact | undefined {
  const vars = scope.vars.list();
  const reference = serviceVariableLines(scope.plan.selected(scope.environment.name), scope.environment);
  if (!vars.length && !reference.length) return undefined;
  const { files } = scope;
  const intro = [
    '',
    `Variables ${files.compose} reads (environment \`${scope.environment.name}\`), without values.`,
    `Copy this file to ${files.envFile} and fill it in${files.isDefault ? '' : `; pass it with --env-file ${files.envFile}`}.`,
    `Keep ${files.envFile} out of git. Variables set in the shell take precedence over the file.`,
    'Passwords are also placed in connection URLs as they are: use letters, digits and - _ . ~',
    '(e.g. `openssl rand -hex 32`).',
    "A value holding $ goes in single quotes (SECRET='pa$word'): Compose reads $ in unquoted and",
    "double-quoted values as a variable. Inside single quotes, write ' as \\'.",
  ];
  let body = '';
  let section: string | undefined;
  for (const v of vars) {
    if (SECTIONS[v.group] !== section) {
      section = SECTIONS[v.group];
      body += `\n# --- ${section} ---\n`;
    }
    body += `\n${commentLines(describe(v))}${v.name}=\n`;
  }
  if (reference.length) {
    body += `\n# --- What each service receives (reference only: ${files.compose} sets these itself) ---\n`;
    body += commentLines(['Every variable of every service in this environment, as stack.yaml gives it: plain values', 'with their ${...} references, secrets by name only. Useful to run a service outside Compose.', ...reference]);
  }
  return {
    path: files.example,
    target: 'compose',
    environment: scope.environment.name,
    // It configures nothing itself: it lists what the compose file reads, the secrets among them.
    facts: { services: scope.services.map((s) => s.name), secrets: scope.vars.secrets() },
    content: generatedHeader(scope.stackFile) + commentLines(intro) + body,
  };
}

function describe(v: Variable): string[] {
  const need = v.required ? 'Required.' : `Optional: defaults to ${v.default}.`;
  return [...v.about, `${need}${v.usedBy.length ? ` Used by ${listText(v.usedBy)}.` : ''}`];
}
