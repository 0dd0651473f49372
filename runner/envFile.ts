import * as fs from 'node:fs';
import { SecretMask } from './secretMask';

/**
 * Values for configMapKeyRef / secretKeyRef / envFrom, read from an --env-file or typed at a
 * prompt. Lookup keys, first match wins:
 *   secret/NAME/KEY or configmap/NAME/KEY   (kind-specific)
 *   NAME/KEY                                (either kind)
 *   ENV_VAR                                 (the name of the env entry that refers to it)
 * Secret values are never printed: every value a secret reference resolves to joins `secrets`,
 * the run's mask, which previews, logs, events and records go through.
 */
export class RefValues {
  private readonly values = new Map<string, string>();
  /** The values secret references of this run resolved to (the same key may serve a configMap too: secret wins). */
  readonly secrets = new SecretMask();

  /** The keys known, for "which keys did the env file define" messages (never values). */
  keys(): string[] {
    return [...this.values.keys()];
  }

  set(key: string, value: string): void {
    this.values.set(key, value);
  }

  /** lookup returns the value for a reference, trying the key forms in order. */
  lookup(kind: RefKind, name: string, key: string, envName?: string): string | undefined {
    const candidates = [`${kind === 'secret' ? 'secret' : 'configmap'}/${name}/${key}`, `${name}/${key}`];
    if (envName !== undefined) candidates.push(envName);
    for (const candidate of candidates) {
      const value = this.values.get(candidate);
      if (value === undefined) continue;
      if (kind === 'secret') this.secrets.add(value);
      return value;
    }
    return undefined;
  }

  /** entriesOf returns every KEY of NAME (for envFrom), from `kind/NAME/KEY` and `NAME/KEY` lines. */
  entriesOf(kind: RefKind, name: string): Array<[string, string]> {
    const result = new Map<string, string>();
    const prefixes = [`${name}/`, `${kind === 'secret' ? 'secret' : 'configmap'}/${name}/`];
    for (const prefix of prefixes) {
      for (const [key, value] of this.values) {
        if (key.startsWith(prefix) && !key.slice(prefix.length).includes('/')) result.set(key.slice(prefix.length), value);
      }
    }
    if (kind === 'secret') for (const value of result.values()) this.secrets.add(value);
    return [...result];
  }
}

export type RefKind = 'configMap' | 'secret';

/**
 * parseEnvFile reads dotenv-style text: `KEY=VALUE` lines, `#` comments, an optional
 * `export ` prefix, single- or double-quoted values (double quotes understand \n, \t, \", \\).
 * Returns the values and the problems (line numbers, never values).
 */
export function parseEnvFile(text: string, into = new RefValues()): { values: RefValues; problems: string[] } {
  const problems: string[] = [];
  text.split(/\r?\n/).forEach((raw, i) => {
    const line = raw.trim();
    if (line === '' || line.startsWith('#')) return;
    const body = line.startsWith('export ') ? line.slice(7).trimStart() : line;
    const eq = body.indexOf('=');
    if (eq <= 0) {
      problems.push(`line ${i + 1}: expected KEY=VALUE`);
      return;
    }
    const key = body.slice(0, eq).trim();
    let value = body.slice(eq + 1).trim();
    if (value.length >= 2 && value.startsWith('"') && value.endsWith('"')) {
      value = value.slice(1, -1).replace(/\\([nt"\\])/g, (_m, c: string) => (c === 'n' ? '\n' : c === 't' ? '\t' : c));
    } else if (value.length >= 2 && value.startsWith("'") && value.endsWith("'")) {
      value = value.slice(1, -1);
    }
    into.set(key, value);
  });
  return { values: into, problems };
}

/** readEnvFile reads and parses an env file; throws an Error with a clear message if unreadable. */
export function readEnvFile(file: string, into?: RefValues): { values: RefValues; problems: string[] } {
  let text: string;
  try {
    text = fs.readFileSync(file, 'utf8');
  } catch (error) {
    throw new Error(`cannot read env file ${file}: ${(error as NodeJS.ErrnoException).code ?? String(error)}`, { cause: error });
  }
  return parseEnvFile(text, into);
}
