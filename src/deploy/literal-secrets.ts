// Variables whose plain value in stack.yaml looks like a secret (a vendor token, URL credentials,
// a literal under a name like `*_PASSWORD`). stackc copies plain values into the files it writes
// (compose.yaml, ConfigMaps, fly.toml, variables files), so such a value ends up in git unless the
// author moves it to `secrets:`. Decided once here: build warns at the value, and files meant to
// hold no values (`.env.example`) show the name only.
import type { Environment, Service } from '../model/stack.js';
import { literalValue, looksLikeSecretValue } from '../vocabulary/secret-values.js';

/** Names of the service's variables whose literal value looks like a secret in this environment. */
export function literalSecrets(service: Service, environment: Environment): string[] {
  return service.env.filter((v) => {
    const text = literalValue(v, environment);
    return text !== undefined && looksLikeSecretValue(v.name, text);
  }).map((v) => v.name);
}
