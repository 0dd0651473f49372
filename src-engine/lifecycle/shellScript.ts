/**
 * A small reader of the POSIX shell scripts containers run (`sh -c '…'`): enough of the grammar
 * to tell which command the script ends with — the one whose exit ends the container — and
 * whether it loops forever. Quotes, `$(…)`, comments, redirections, `&&`/`||`/`|`/`;`/`&`
 * and the compound commands `while`/`until`/`for`/`if`/`case`/`{ }`/`( )` are understood;
 * anything it cannot follow makes it answer "unknown" rather than guess.
 */

/** One simple command: its words, quotes removed. */
export interface SimpleCommand {
  readonly words: readonly string[];
}

/** One step of a script, as the shell runs it in sequence. */
export type ScriptStep =
  /**
   * A pipeline chain (`a | b && c`): `last` is the command whose status the chain ends with on
   * success; `text` the chain with its operators (quotes removed).
   */
  | {
      readonly kind: 'commands';
      readonly commands: readonly SimpleCommand[];
      readonly last: SimpleCommand;
      readonly background: boolean;
      readonly text: string;
    }
  /** `while true; do …; done` and its equivalents (`while :`, `until false`, `for (( ; ; ))`). */
  | { readonly kind: 'forever'; readonly body: readonly ScriptStep[] }
  /** Another compound command (`if`, `case`, a bounded loop, a group). */
  | { readonly kind: 'compound' };

type Token = { readonly word: string } | { readonly op: string };

const MAX_SCRIPT_LENGTH = 20_000;

/** tokenize splits a script into words and operators; undefined for an unterminated quote. */
function tokenize(script: string): Token[] | undefined {
  const tokens: Token[] = [];
  let word = '';
  let inWord = false;
  const flush = (): void => {
    if (inWord) tokens.push({ word });
    word = '';
    inWord = false;
  };
  for (let i = 0; i < script.length; i++) {
    const c = script[i] as string;
    if (c === '\\') {
      if (script[i + 1] === '\n') {
        i++;
        continue;
      }
      word += script[i + 1] ?? '';
      inWord = true;
      i++;
    } else if (c === "'") {
      const end = script.indexOf("'", i + 1);
      if (end < 0) return undefined;
      word += script.slice(i + 1, end);
      inWord = true;
      i = end;
    } else if (c === '"') {
      let j = i + 1;
      while (j < script.length && script[j] !== '"') j += script[j] === '\\' ? 2 : 1;
      if (j >= script.length) return undefined;
      word += script.slice(i + 1, j).replace(/\\(["\\$`])/g, '$1');
      inWord = true;
      i = j;
    } else if (c === '$' && script[i + 1] === '(') {
      // Command substitution: kept as one opaque word part.
      let depth = 0;
      let j = i + 1;
      for (; j < script.length; j++) {
        if (script[j] === '(') depth++;
        else if (script[j] === ')' && --depth === 0) break;
      }
      if (j >= script.length) return undefined;
      word += script.slice(i, j + 1);
      inWord = true;
      i = j;
    } else if (c === '`') {
      const end = script.indexOf('`', i + 1);
      if (end < 0) return undefined;
      word += script.slice(i, end + 1);
      inWord = true;
      i = end;
    } else if (c === '#' && !inWord) {
      const end = script.indexOf('\n', i);
      i = end < 0 ? script.length : end - 1;
    } else if (c === ' ' || c === '\t' || c === '\r') {
      flush();
    } else if (c === '\n' || c === ';' || c === '(' || c === ')') {
      flush();
      tokens.push({ op: c === '\n' ? ';' : c });
    } else if (c === '&' || c === '|') {
      if (c === '&' && (script[i - 1] === '>' || script[i + 1] === '>')) {
        word += c; // 2>&1, &>file
        inWord = true;
        continue;
      }
      flush();
      if (script[i + 1] === c) {
        tokens.push({ op: c + c });
        i++;
      } else {
        tokens.push({ op: c });
      }
    } else {
      word += c;
      inWord = true;
    }
  }
  flush();
  return tokens;
}

const CLOSERS: Readonly<Record<string, string>> = { while: 'done', until: 'done', for: 'done', if: 'fi', case: 'esac', '{': '}' };

/** The parse state: a cursor over the tokens. */
class Reader {
  private at = 0;
  constructor(private readonly tokens: readonly Token[]) {}

  peek(): Token | undefined {
    return this.tokens[this.at];
  }

  next(): Token | undefined {
    return this.tokens[this.at++];
  }

  done(): boolean {
    return this.at >= this.tokens.length;
  }
}

function isOp(token: Token | undefined, op?: string): token is { op: string } {
  return token !== undefined && 'op' in token && (op === undefined || token.op === op);
}

function wordOf(token: Token | undefined): string | undefined {
  return token !== undefined && 'word' in token ? token.word : undefined;
}

/** Redirections (`>file`, `2>&1`, `< in`) are not arguments. */
function isRedirection(word: string): boolean {
  return /^[0-9]*(?:>>?|<|&>)/.test(word);
}

/**
 * parseSteps reads steps until one of `stopWords` starts a command (returned unread) or the
 * tokens end. Undefined when the script is beyond this reader.
 */
function parseSteps(reader: Reader, stopWords: readonly string[]): ScriptStep[] | undefined {
  const steps: ScriptStep[] = [];
  for (;;) {
    while (isOp(reader.peek(), ';')) reader.next();
    const first = reader.peek();
    if (first === undefined) return steps;
    const firstWord = wordOf(first);
    if (firstWord !== undefined && stopWords.includes(firstWord)) return steps;
    if (firstWord !== undefined && Object.hasOwn(CLOSERS, firstWord)) {
      const step = parseCompound(reader, firstWord);
      if (!step) return undefined;
      steps.push(step);
      continue;
    }
    if (isOp(first, '(')) {
      reader.next();
      if (parseSteps(reader, []) === undefined || !isOp(reader.next(), ')')) return undefined;
      steps.push({ kind: 'compound' });
      continue;
    }
    // A `)` ends a group for the caller; any other operator here is beyond this reader.
    if (isOp(first)) return first.op === ')' ? steps : undefined;
    const chain = parseChain(reader, stopWords);
    if (!chain) return undefined;
    steps.push(chain);
  }
}

/** parseChain reads `a | b && c || d [&]` up to a separator; `last` is the command the chain ends with when it succeeds. */
function parseChain(reader: Reader, stopWords: readonly string[]): ScriptStep | undefined {
  const commands: SimpleCommand[] = [];
  let text = '';
  let last: SimpleCommand | undefined;
  let afterOr = false;
  let background = false;
  for (;;) {
    const words: string[] = [];
    let skipNext = false;
    for (let token = reader.peek(); token !== undefined && !isOp(token); token = reader.peek()) {
      const word = wordOf(token) as string;
      if (words.length === 0 && stopWords.includes(word)) break;
      reader.next();
      if (skipNext) {
        skipNext = false;
        continue;
      }
      if (isRedirection(word)) {
        skipNext = /^[0-9]*(?:>>?|<|&>)$/.test(word);
        continue;
      }
      words.push(word);
    }
    if (words.length > 0) {
      const command = { words };
      commands.push(command);
      text += words.join(' ');
      if (!afterOr) last = command;
    }
    const op = reader.peek();
    if (!isOp(op) || op.op === ';' || op.op === ')' || op.op === '(') break;
    reader.next();
    if (op.op === '&') {
      background = true;
      break;
    }
    text += ` ${op.op} `;
    if (op.op === '||') afterOr = true;
    if (op.op === '&&') afterOr = false;
  }
  return last ? { kind: 'commands', commands, last, background, text } : undefined;
}

/** parseCompound reads `while … do … done`, `if … fi`, `case … esac`, `{ … }`. */
function parseCompound(reader: Reader, keyword: string): ScriptStep | undefined {
  reader.next();
  const closer = CLOSERS[keyword] as string;
  if (keyword === 'while' || keyword === 'until') {
    const condition = parseSteps(reader, ['do']);
    if (!condition || wordOf(reader.next()) !== 'do') return undefined;
    const body = parseSteps(reader, ['done']);
    if (!body || wordOf(reader.next()) !== 'done') return undefined;
    const forever = conditionIsConstant(condition, keyword === 'while');
    return forever ? { kind: 'forever', body } : { kind: 'compound' };
  }
  if (keyword === 'for') {
    const header: string[] = [];
    let arithmetic = false;
    for (let t = reader.next(); t !== undefined && wordOf(t) !== 'do'; t = reader.next()) {
      if (isOp(t, '(')) arithmetic = true;
      const w = wordOf(t);
      if (w !== undefined) header.push(w);
    }
    const body = parseSteps(reader, ['done']);
    if (!body || wordOf(reader.next()) !== 'done') return undefined;
    // `for (( ; ; ))` is the only for loop without an end.
    return arithmetic && header.every((w) => /^;*$/.test(w)) ? { kind: 'forever', body } : { kind: 'compound' };
  }
  // if / case / { }: skip to the matching closer, counting nested openers of the same kind.
  let depth = 1;
  for (let t = reader.next(); t !== undefined; t = reader.next()) {
    const w = wordOf(t);
    if (w === keyword) depth++;
    else if (w === closer && --depth === 0) return { kind: 'compound' };
  }
  return undefined;
}

/** `while true`, `while :`, `while [ 1 ]`, `until false`: a condition that never changes. */
function conditionIsConstant(condition: readonly ScriptStep[], isWhile: boolean): boolean {
  if (condition.length !== 1) return false;
  const step = condition[0] as ScriptStep;
  if (step.kind !== 'commands' || step.commands.length !== 1) return false;
  const words = step.last.words.join(' ');
  return isWhile ? /^(?:true|:|\[ 1 \]|\[\[ 1 \]\]|test 1)$/.test(words) : /^false$/.test(words);
}

/** parseScript reads a script into its steps; undefined when it is too long or beyond this reader. */
export function parseScript(script: string): ScriptStep[] | undefined {
  if (script.length > MAX_SCRIPT_LENGTH) return undefined;
  const tokens = tokenize(script);
  if (!tokens) return undefined;
  const reader = new Reader(tokens);
  const steps = parseSteps(reader, []);
  return steps && reader.done() ? steps : undefined;
}
