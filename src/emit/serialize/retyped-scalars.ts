// Plain scalars that some reader of the generated files takes for something other than a string.
// The files are written as YAML 1.1, so the `yaml` library already quotes what 1.1 reads as a
// boolean, null, number or date (`yes`, `on`, `y`, `~`, `0777`, `0x1F`, `1_000`, `12:30`, `.inf`,
// `2001-12-14`). These are the other readers' types, given to the library as `compat` tags: a
// string any of them matches is quoted. Quoting a string never changes its value for any reader.
//
// - YAML 1.2 core schema: `0o17` is 15 (https://yaml.org/spec/1.2.2/#1032-tag-resolution).
// - Go, go-yaml v2 and v3 (kubectl, kustomize, Helm, sigs.k8s.io/yaml): a scalar that starts with a
//   digit or a sign is read with every `_` dropped, as an integer when Go's
//   `strconv.ParseInt(s, 0, 64)` accepts it (`0O17`, `-0o17`, `0B101`, `1__0`), else as a float in
//   YAML style (`08` is 8); a date with one-digit month or day (`2001-1-2`) is a timestamp
//   (https://github.com/go-yaml/yaml/blob/v3.0.1/resolve.go). A ConfigMap value read as a number is
//   refused by the API server: data values must be strings.
// - PyYAML: `=` resolves to YAML 1.1's `value` type, which its safe loader cannot construct.
// - Ruby Psych: integers with commas (`1,000`), as in early YAML 1.1 drafts.
import type { Tags } from 'yaml';

/** A `test` for the library, which calls only `.test(str)`, for rules clearer as code than as one regex. */
class Predicate extends RegExp {
  constructor(private readonly accepts: (text: string) => boolean) {
    super('');
  }
  override test(text: string): boolean {
    return this.accepts(text);
  }
}

// After go-yaml drops the underscores (resolve.go: `strings.Replace(in, "_", "", -1)`).
const GO_INT = /^[-+]?(?:0[xX][0-9a-fA-F]+|0[oO][0-7]+|0[bB][01]+|[0-9]+)$/;
const GO_FLOAT = /^[-+]?(?:\.[0-9]+|[0-9]+(?:\.[0-9]*)?)(?:[eE][-+]?[0-9]+)?$/;
// Go's time layouts `2006-1-2` and `2006-1-2T15:4:5...`, read before the underscores go; wider than
// Go's (it does not check the month's days), which only quotes a few more strings.
const GO_TIMESTAMP = /^[0-9]{4}-[0-9]{1,2}-[0-9]{1,2}(?:[Tt ].*)?$/s;

const readByGo = (text: string): boolean => {
  if (!/^[-+0-9]/.test(text)) return false;
  const digits = text.replaceAll('_', '');
  return GO_INT.test(digits) || GO_FLOAT.test(digits) || GO_TIMESTAMP.test(text);
};

const PSYCH_COMMA_NUMBER = /^[-+]?(?:0x[0-9a-fA-F_,]+|[0-9][0-9_,]*,[0-9_,]*(?:\.[0-9]*)?)$/;

const readerTag = (name: string, test: RegExp) => ({ tag: `tag:stackc.dev,2026:${name}`, default: true, test, resolve: (text: string) => text });

/** The tags, besides YAML 1.1's own, whose plain scalars the writer quotes (the library's `compat`). */
export const OTHER_READERS: Tags = [
  // YAML 1.2 core, by the library's own names for its tags.
  'null', 'bool', 'int', 'intHex', 'intOct', 'float', 'floatExp', 'floatNaN',
  readerTag('go-yaml', new Predicate(readByGo)),
  readerTag('pyyaml-value', /^=$/),
  readerTag('psych-comma-number', PSYCH_COMMA_NUMBER),
];
