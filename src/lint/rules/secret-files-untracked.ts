import { defineRule } from '../rule.js';
import { secretFileKind } from '../secrets/index.js';

export default defineRule({
  meta: {
    id: 'secret-files-untracked',
    description: 'Files that hold secrets (`.env`, private keys, kubeconfigs, cloud credentials) are not tracked by git, and not left where `git add -A` picks them up.',
    category: 'secrets',
    severity: 'error',
    scopes: ['repository'],
    docs: {
      why:
        'A tracked `.env` or private key is pushed to every remote and stays in the history even after it is deleted: the values in it must be treated as leaked. An untracked file that git does not ignore is one `git add -A` away from the same fate.',
      fix:
        '`git rm --cached <file>`, add the file to `.gitignore`, and rotate every secret it held (removing it from the current tree does not remove it from history). Commit a template with the names only (`.env.example`: stackc\'s Compose target writes one) instead.\n\n' +
        '**Which files:** `.env` and `.env.*` (except the templates in `allowFileNames`: `.env.example`, `.env.sample`, `.env.template`, `.env.dist`; any name ending in `.example`, `.sample`, `.template`, `.dist` or `.tpl` is a template too), Compose-style `*.env` files (`backend.env`) when a secret-named key in them has a value (a file of plain settings is fine), SSH private keys (`id_rsa`, `id_ed25519`, ... but not `*.pub`), `*.key`, `*.p12`, `*.pfx`, `*.jks`, `*.keystore`, `*.p8`, `*.ppk`, `*.pem` files that contain a private key (a `.pem` with only certificates is fine), kubeconfigs (`kubeconfig`, `*.kubeconfig`, `.kube/config`), `credentials.json`, `service-account*.json`, `client_secret*.json`, `.aws/credentials`, `.git-credentials`, `.netrc`, `.pgpass`, and `.npmrc`/`.yarnrc.yml`/`.pypirc` only when they hold a literal token or password (reading it from `${NPM_TOKEN}` is the recommended setup). `*.tfvars` files are left to Terraform linters: many teams track non-secret ones on purpose.\n\n' +
        '**Levels:** a tracked file is an error, reported at its first line. A file that exists, is not tracked and is not ignored is a warning (add it to `.gitignore`). Ignored files are fine, and their contents are never read. Outside a git repository the rule says nothing: there is no index to ask, and stackc does not guess from `.gitignore` alone.',
      bad: '$ git ls-files\n.env\nstack.yaml',
      good: '$ cat .gitignore\n.env\n.env.*\n!.env.example\n$ git ls-files\n.env.example\n.gitignore\nstack.yaml',
      whenOff: 'When a secret file is committed on purpose in encrypted form (SOPS, git-crypt, ...): better to add its name to `allowFileNames`.',
    },
    peers: ['secretlint no-dotenv', 'secretlint no-homedir', 'gitleaks path rules', 'detect-secrets (tracked-files scope)'],
    securitySeverity: 9,
    options: {
      allowFileNames: {
        type: 'string[]',
        default: ['.env.example', '.env.sample', '.env.template', '.env.dist'],
        description: 'File names (or project-relative paths) that may be committed: templates without values, or files encrypted with SOPS or git-crypt.',
      },
    },
  },
  check(ctx) {
    const repo = ctx.repository();
    if (!repo) return;
    const allowed = ctx.options.allowFileNames;
    for (const path of repo.tracked) {
      const kind = secretFileKind(path, allowed);
      if (!kind || (kind.holdsSecret && !kind.holdsSecret(repo.readText(path) ?? ''))) continue;
      ctx.report({
        message: `\`${path}\` is tracked by git: ${kind.what} is pushed to every clone, and stays in the history`,
        at: { file: path, line: 1, col: 1, pointer: 'tracked' },
        hint: `\`git rm --cached ${path}\`, add it to .gitignore, and rotate the secrets it held; commit a template with names only (like .env.example) instead`,
      });
    }
    for (const path of repo.untracked) {
      const kind = secretFileKind(path, allowed);
      if (!kind || (kind.holdsSecret && !kind.holdsSecret(repo.readText(path) ?? ''))) continue;
      ctx.report({
        message: `\`${path}\` is not ignored by git: ${kind.what} would be committed by the next \`git add -A\``,
        at: { file: path, line: 1, col: 1, pointer: 'not-ignored' },
        severity: 'warn',
        hint: `add \`${path}\` (or a pattern such as \`.env*\` with \`!.env.example\`) to .gitignore`,
      });
    }
  },
});
