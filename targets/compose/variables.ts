// The variables a Compose file interpolates (`${NAME:?...}`, `${NAME:-default}`). Every one is
// recorded with what it is for, so `.env.example` lists exactly what the file reads and nothing
// else. Values never pass through here: only names, and defaults that are not secret (user names,
// ports, URLs).

/** Sections of `.env.example`, in the order they are written. */
export type VariableGroup = 'resource' | 'secret' | 'image' | 'other';

export interface Variable {
  name: string;
  group: VariableGroup;
  /** Compose fails when a required variable is unset or empty. */
  required: boolean;
  /** It holds a secret (a declared secret, a password, an external URL): the artifact's facts name it. */
  secret: boolean;
  /** For optional variables: the value used when unset or empty. Never a secret. */
  default?: string;
  /** One line each, in the order first said; repeated uses add the users. */
  about: string[];
  /** Services and resources that read it, in order of first use. */
  usedBy: string[];
}

export class Variables {
  private readonly byName = new Map<string, Variable>();

  /** @param envFile where the user keeps the values (`.env`, `.env.production`), for Compose's error message. */
  constructor(private readonly envFile: string, private readonly exampleFile: string) {}

  /** `${NAME:?set it in .env (see .env.example)}`: Compose refuses to start without a value. */
  required(name: string, group: VariableGroup, about: string, usedBy?: string): string {
    this.record(name, group, true, undefined, about, usedBy);
    return `\${${name}:?set it in ${this.envFile} (see ${this.exampleFile})}`;
  }

  /** A required variable that holds a secret. */
  secret(name: string, group: VariableGroup, about: string, usedBy?: string): string {
    const text = this.required(name, group, about, usedBy);
    this.byName.get(name)!.secret = true;
    return text;
  }

  /** `${NAME:-default}`: overridable, with a default that is safe to print. */
  optional(name: string, defaultValue: string, group: VariableGroup, about: string, usedBy?: string): string {
    this.record(name, group, false, defaultValue, about, usedBy);
    return `\${${name}:-${defaultValue}}`;
  }

  /** Recorded variables: by group, then in order of first use. */
  list(): Variable[] {
    const order: VariableGroup[] = ['resource', 'secret', 'image', 'other'];
    return order.flatMap((g) => [...this.byName.values()].filter((v) => v.group === g));
  }

  /** Names of the recorded secrets, in the order of `list`. */
  secrets(): string[] {
    return this.list().filter((v) => v.secret).map((v) => v.name);
  }

  private record(name: string, group: VariableGroup, required: boolean, defaultValue: string | undefined, about: string, usedBy: string | undefined): void {
    let v = this.byName.get(name);
    if (!v) {
      v = { name, group, required, secret: false, ...(defaultValue !== undefined ? { default: defaultValue } : {}), about: [], usedBy: [] };
      this.byName.set(name, v);
    }
    // A name used both ways (a secret that is also a resource's password) must be given a value.
    if (required && !v.required) {
      v.required = true;
      delete v.default;
    }
    if (!v.about.includes(about)) v.about.push(about);
    if (usedBy && !v.usedBy.includes(usedBy)) v.usedBy.push(usedBy);
  }
}
