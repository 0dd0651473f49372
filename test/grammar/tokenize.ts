import * as fs from 'node:fs';
import * as path from 'node:path';
import * as oniguruma from 'vscode-oniguruma';
import * as vsctm from 'vscode-textmate';
import { REPO_ROOT } from '../helpers/paths';

/** VS Code's own YAML grammars, from the code-server copy the integration tests install (not vendored). */
export const VSCODE_YAML_DIR = path.join(REPO_ROOT, '.cache/code-server/code-server-4.100.3/lib/vscode/extensions/yaml/syntaxes');

const OURS: Record<string, string> = {
  'cron-schedule.injection': path.join(REPO_ROOT, 'syntaxes/cron-schedule.injection.tmLanguage.json'),
  'text.log.kube-jobs': path.join(REPO_ROOT, 'syntaxes/kube-jobs-log.tmLanguage.json'),
};

function yamlGrammarFile(scope: string): string | undefined {
  const m = /^source\.yaml(?:\.(1\.[0-3]|embedded))?$/.exec(scope);
  if (!m) return undefined;
  const file = path.join(VSCODE_YAML_DIR, m[1] ? `yaml-${m[1]}.tmLanguage.json` : 'yaml.tmLanguage.json');
  return fs.existsSync(file) ? file : undefined;
}

let registry: vsctm.Registry | undefined;

/** loadRegistry sets up vscode-textmate with the WASM Oniguruma, as VS Code does, and our injection into YAML. */
export async function loadRegistry(): Promise<vsctm.Registry> {
  if (registry) return registry;
  const wasm = fs.readFileSync(require.resolve('vscode-oniguruma/release/onig.wasm'));
  await oniguruma.loadWASM(wasm.buffer.slice(wasm.byteOffset, wasm.byteOffset + wasm.byteLength) as ArrayBuffer);
  registry = new vsctm.Registry({
    onigLib: Promise.resolve({
      createOnigScanner: (p: string[]) => new oniguruma.OnigScanner(p),
      createOnigString: (s: string) => new oniguruma.OnigString(s),
    }),
    loadGrammar: async (scope) => {
      const file = OURS[scope] ?? yamlGrammarFile(scope);
      return file ? vsctm.parseRawGrammar(fs.readFileSync(file, 'utf8'), file) : null;
    },
    getInjections: (scope) => (scope === 'source.yaml' ? ['cron-schedule.injection'] : undefined),
  });
  return registry;
}

export interface Token {
  readonly text: string;
  readonly scopes: readonly string[];
}

/** tokenize returns the tokens of each line. */
export async function tokenize(scope: string, text: string): Promise<Token[][]> {
  const grammar = await (await loadRegistry()).loadGrammar(scope);
  if (!grammar) throw new Error(`no grammar ${scope}`);
  let stack = vsctm.INITIAL;
  const out: Token[][] = [];
  for (const line of text.split('\n')) {
    const r = grammar.tokenizeLine(line, stack);
    out.push(r.tokens.map((t) => ({ text: line.slice(t.startIndex, t.endIndex), scopes: t.scopes })));
    stack = r.ruleStack;
  }
  return out;
}

/** scopesAt returns the scopes of the token holding `text` (its nth occurrence) on a line. */
export function scopesAt(line: readonly Token[], text: string, nth = 0): readonly string[] {
  const joined = line.map((t) => t.text).join('');
  let at = -1;
  for (let i = 0; i <= nth; i++) at = joined.indexOf(text, at + 1);
  if (at < 0) throw new Error(`"${text}" not on line "${joined}"`);
  let pos = 0;
  for (const t of line) {
    if (at >= pos && at < pos + t.text.length) return t.scopes;
    pos += t.text.length;
  }
  return [];
}
