// The diagnostic codes of `validate`, `build` and `import` (docs/diagnostics.md, whose tables a test holds
// to this list), so `stackc explain <code>` answers offline. Targets' own codes (`compose/public`)
// come from their capabilities, not from here.
import type { Severity } from './diagnostic.js';

export interface CodeMeaning {
  severity: Severity;
  /** The command that reports it first: `validate` (and every command that loads the stack) or `build`. */
  by: 'validate' | 'build' | 'import';
  /** Reported by that command alone (validate's look at the disk), not by every command that reads stack.yaml. */
  only?: true;
  meaning: string;
}

export const DIAGNOSTIC_CODES: Readonly<Record<string, CodeMeaning>> = {
  'yaml-syntax': { severity: 'error', by: 'validate', meaning: 'the file is not valid YAML (only the first syntax error is shown: the rest are usually echoes of it)' },
  'duplicate-key': { severity: 'error', by: 'validate', meaning: 'a key appears twice in one map' },
  'alias-limit': { severity: 'error', by: 'validate', meaning: 'anchors/aliases expand to more than 1,000 nodes' },
  'bad-merge': { severity: 'error', by: 'validate', meaning: 'a `<<` merge key whose value is not a map (or an alias of one, or a list of those)' },
  'too-deep': { severity: 'error', by: 'validate', meaning: 'nesting deeper than 200 levels' },
  'control-character': { severity: 'error', by: 'validate', meaning: 'a NUL or other control character (binary or corrupt file)' },
  'not-utf8': { severity: 'error', by: 'validate', meaning: 'the file is not UTF-8' },
  'unreadable-file': { severity: 'error', by: 'validate', meaning: 'missing, a directory, unreadable, or larger than 5 MiB' },
  'unknown-key': { severity: 'error', by: 'validate', meaning: 'a key the format does not have (with the nearest valid key)' },
  'missing-key': { severity: 'error', by: 'validate', meaning: 'a required key is missing, or one of several alternatives is needed' },
  'exclusive-keys': { severity: 'error', by: 'validate', meaning: 'keys that exclude each other (e.g. two healthcheck probes)' },
  'conflicting-keys': { severity: 'error', by: 'validate', meaning: 'keys that cannot be combined (`static` with `image`)' },
  'wrong-type': { severity: 'error', by: 'validate', meaning: 'e.g. a list where a map is expected; numbers where text is expected get a quoting hint' },
  'invalid-value': { severity: 'error', by: 'validate', meaning: 'a value that does not match its format (with a corrected suggestion when one is close)' },
  'invalid-name': { severity: 'error', by: 'validate', meaning: 'a service/resource/environment name that is not a DNS label (with a suggested label)' },
  'out-of-range': { severity: 'error', by: 'validate', meaning: 'a number outside its range' },
  'duplicate-item': { severity: 'error', by: 'validate', meaning: 'a list that must not repeat an entry does' },
  'duplicate-name': { severity: 'error', by: 'validate', meaning: 'a service, a resource or a job share a name' },
  'invalid-schedule': { severity: 'error', by: 'validate', meaning: 'a job\'s `schedule` that is not a 5-field cron expression (with the field that is wrong)' },
  'invalid-timezone': { severity: 'error', by: 'validate', meaning: 'a job\'s `timezone` that is not an IANA time zone name (`Europe/Berlin`)' },
  'unknown-environment': { severity: 'error', by: 'validate', meaning: 'an override or target filter names an undeclared environment' },
  'unknown-service': { severity: 'error', by: 'validate', meaning: 'a target filter names an unknown service' },
  'unknown-target': { severity: 'error', by: 'validate', meaning: 'a target that is neither built in nor provided by a plugin' },
  'unknown-dependency': { severity: 'error', by: 'validate', meaning: '`depends_on` / `ci.services` names nothing (or not a resource)' },
  'self-dependency': { severity: 'error', by: 'validate', meaning: 'a service depends on itself' },
  'dependency-cycle': { severity: 'error', by: 'validate', meaning: 'services depend on each other in a circle' },
  'disabled-dependency': { severity: 'error', by: 'validate', meaning: 'a dependency is switched off (`enabled: false`) in an environment' },
  'invalid-reference': { severity: 'error', by: 'validate', meaning: 'a malformed `${...}`' },
  'unknown-reference': { severity: 'error', by: 'validate', meaning: 'a reference to an unknown resource/service/key' },
  'external-resource-output': { severity: 'error', by: 'validate', meaning: 'an external resource offers only `url` (an s3 bucket all of its outputs)' },
  's3-only-setting': { severity: 'error', by: 'validate', meaning: '`bucket`, `region` or `endpoint` on a resource that is not `type: s3`' },
  'invalid-bucket-name': { severity: 'error', by: 'validate', meaning: 'an s3 bucket name, written or the default `<stack>-<resource>`, that breaks the S3 bucket naming rules' },
  'disabled-reference': { severity: 'error', by: 'validate', meaning: 'a reference to a service switched off in an environment' },
  'path-escapes-project': { severity: 'error', by: 'validate', meaning: 'a path leaves the directory of stack.yaml' },
  'missing-path': { severity: 'error', by: 'validate', only: true, meaning: 'a build context or static site root that does not exist or is a file, or a `files` source that does not exist or is a directory (`stackc validate` only: build, lint, graph, diff and the library do not read the disk for it)' },
  'duplicate-file-path': { severity: 'error', by: 'validate', meaning: 'two `files` of one service mounted at the same path in an environment' },
  'invalid-port': { severity: 'error', by: 'validate', meaning: 'an impossible port range' },
  'host-port-clash': { severity: 'error', by: 'validate', meaning: 'two services publish one host port in an environment' },
  'missing-port': { severity: 'error', by: 'validate', meaning: 'a public service without ports, or an http healthcheck with no port to probe (no `http.port` and no TCP port)' },
  'invalid-host': { severity: 'error', by: 'validate', meaning: 'a public host (after `${environment.*}`) that is not a DNS name: a scheme, port, path, upper case, an IP address, a misplaced `*` (with the host that was probably meant)' },
  'invalid-branch': { severity: 'error', by: 'validate', meaning: "an environment's `branch` git cannot have as a branch name (`git check-ref-format --branch`: `..`, `@{`, a component ending in `.lock` or starting with `.`, a leading `-`, a space, `~^:?[\\`, a leading or trailing `/`, a trailing `.`, an empty component; `*` is allowed), with the name that was probably meant" },
  'duplicate-route': { severity: 'error', by: 'validate', meaning: 'two services public at the same host and path in an environment' },
  'volume-name-taken': { severity: 'error', by: 'validate', meaning: "a service volume named like the volume stackc makes for a backing service's data (`<resource>-data` in Compose, `data-<resource>-<n>` on Kubernetes)" },
  'invalid-name-for-target': { severity: 'error', by: 'validate', meaning: 'a name a target the stack enables cannot deploy: a Kubernetes service or backing service starting with a digit, a backing service or job longer than 52 characters, a Compose environment named `override` (docs/format.md, Names)' },
  'deployed-by-without-workflow': { severity: 'error', by: 'validate', meaning: "`targets.vercel.deployed_by` or `targets.railway.deployed_by` is `github-actions`, but no deploy workflow would deploy the target (no github-actions target, or it covers none of the target's environments with a `branch` or `tags` trigger): nothing would deploy it (docs/targets/vercel.md, railway.md)" },
  'secret-in-env': { severity: 'error', by: 'validate', meaning: 'a name in both `env` and `secrets`' },
  'registry-login': { severity: 'error', by: 'validate', meaning: 'a `registries` entry whose login does not fit its host: `aws` on a host that is not Amazon ECR, `gcp` on one that is not a Google registry' },
  'registry-unused': { severity: 'warning', by: 'validate', meaning: "a `registries` host that no service's `image:` (nor the GitHub Actions `registry` option) names" },
  'yaml-number': { severity: 'warning', by: 'validate', meaning: 'YAML read an env value as a number that prints differently' },
  'shell-variable-name': { severity: 'warning', by: 'validate', meaning: 'a `command`, `entrypoint`, `release` or healthcheck command expands a variable whose name has `.` or `-` (`$discovery.type`), which no shell can: reported at the variable' },
  usage: { severity: 'error', by: 'validate', meaning: 'a command-line mistake (an unknown `--env` or `--target` gets a suggestion)' },
  'would-overwrite': { severity: 'error', by: 'build', meaning: 'a file exists that stackc did not generate, or a generated file was edited by hand; nothing is written (`--force` overwrites)' },
  'bad-manifest': { severity: 'error', by: 'build', meaning: '`.stackc/manifest.json` cannot be read' },
  'unsafe-path': { severity: 'error', by: 'build', meaning: 'a target produced a path outside the output directory, absolute, or inside `.stackc/`' },
  'path-conflict': { severity: 'error', by: 'build', meaning: 'two targets produce the same file' },
  'plugin-not-found': { severity: 'error', by: 'build', meaning: 'a plugin is missing, is not a target, or threw' },
  'plugin-invalid': { severity: 'error', by: 'build', meaning: 'a plugin is missing, is not a target, or threw' },
  'plugin-failed': { severity: 'error', by: 'build', meaning: 'a plugin is missing, is not a target, or threw' },
  'invalid-target-options': { severity: 'error', by: 'build', meaning: "`targets.<plugin>` does not match the plugin's options schema" },
  'target-not-available': { severity: 'warning', by: 'build', meaning: 'a built-in target this version does not provide yet' },
  'no-targets': { severity: 'warning', by: 'build', meaning: 'the stack enables no targets' },
  'literal-secret': { severity: 'warning', by: 'build', meaning: "a plain `env` value looks like a secret (a vendor token such as `sk_live_\u2026`, `ghp_\u2026`, `fo1_\u2026`; URL credentials; a literal under a name like `*_PASSWORD`): build copies plain values into the files it writes, which are committed. Move it to `secrets:`. Once per line (an environment override is its own line); `.env.example` shows the name only. Well-known weak values (`postgres`, `admin`) are left to lint's `weak-credentials`" },
  'not-public': { severity: 'warning', by: 'build', meaning: '`${services.X.public_url}` of a service that is not public in that environment: each target writes a stand-in (reported once, by the deployment model)' },
  'unserved-url': { severity: 'warning', by: 'build', meaning: "a static site's variable names an address on the stack's own domains (`https://api.shop.example`, `api.${environment.domain}`) where no service is public in any environment: the site runs in the browser, which would reach nothing there (the API deployed private, or its `public` left out). Only literal text is read: `${services.X.public_url}` of a public service never warns. Hint: make the service public at that host and reference its `public_url` (reported once, by the deployment model)" },
  'missing-file': { severity: 'error', by: 'build', meaning: 'a `files` entry whose `source` cannot be read: missing, not a file, binary, or over 1 MiB (reported by the deployment model, which reads the file)' },
  'compose-invalid': { severity: 'error', by: 'import', meaning: 'the compose file holds something Compose itself refuses (a port outside 1-65535, a scalar `ports`/`expose`/`volumes`, a service in its own `depends_on`, a `depends_on` cycle, a required dependency on a service its profiles leave out): an error at its line in the compose file, exit 2, nothing written. What import changes is reported as notes ([import.md](import.md))' },
};
