import { Document } from 'yaml';

/**
 * Stable YAML for generated files: block style, keys in the order the emitter built them, no
 * anchors, no line folding, final newline. Strings are quoted wherever a YAML 1.1 reader (kubectl,
 * PyYAML, older go-yaml) would read them as something else: `"yes"`, `"on"`, `"0777"`, `"22:22"`.
 */
export function toYaml(value: unknown): string {
  const doc = new Document(value, { version: '1.1', aliasDuplicateObjects: false });
  return doc.toString({ lineWidth: 0, indentSeq: true, directives: false, flowCollectionPadding: true });
}

/** Several documents in one file, separated by `---`. */
export const toYamlStream = (values: readonly unknown[]): string => values.map(toYaml).join('---\n');

/** Drops keys whose value is `undefined`, so emitters can write `{ a: maybe }` without clutter. */
export function compact<T extends Record<string, unknown>>(object: T): T {
  return Object.fromEntries(Object.entries(object).filter(([, v]) => v !== undefined)) as T;
}
