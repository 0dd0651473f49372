/** What a secret value is replaced with, everywhere: previews, live logs, records, VS Code. */
export const MASK = '****';

/** Lines of a multi-line secret shorter than this (a lone brace of a JSON key file) are not worth hiding on their own. */
const MIN_SECRET_LINE_LENGTH = 4;

/**
 * secretForms lists how a secret value can appear in output: as it is, percent-encoded (in a
 * URL, a query string, a form body), JSON-escaped (a structured log line), and, for a
 * multi-line value such as a PEM key, each of its lines (output is read line by line).
 */
function secretForms(secret: string): string[] {
  const forms = new Set<string>([secret]);
  const component = encodeURIComponent(secret);
  forms.add(component);
  forms.add(component.replace(/%20/g, '+'));
  forms.add(encodeURI(secret));
  forms.add(JSON.stringify(secret).slice(1, -1));
  for (const line of secret.split(/\r?\n/)) {
    const trimmed = line.trim();
    if (trimmed !== secret && trimmed.length >= MIN_SECRET_LINE_LENGTH) forms.add(trimmed);
  }
  forms.delete('');
  return [...forms];
}

/**
 * SecretMask hides a run's secret values in any text, whatever their length, also inside other
 * strings (a `$(VAR)` expansion, a URL). It is the one masking function every rendering uses.
 */
export class SecretMask {
  private readonly secrets = new Set<string>();
  private pattern: RegExp | undefined;
  private longestForm = 0;

  /** add makes a value secret (an empty value hides nothing). */
  add(secret: string): void {
    if (secret === '' || this.secrets.has(secret)) return;
    this.secrets.add(secret);
    const forms = [...this.secrets].flatMap(secretForms).sort((a, b) => b.length - a.length);
    this.longestForm = forms[0]?.length ?? 0;
    // Longest first, so a secret that contains another is hidden whole.
    this.pattern = new RegExp(forms.map((f) => f.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')).join('|'), 'g');
  }

  get size(): number {
    return this.secrets.size;
  }

  /** The length of the longest form a secret can take (0 without secrets). */
  get longest(): number {
    return this.longestForm;
  }

  mask(text: string): string {
    return this.pattern === undefined ? text : text.replace(this.pattern, MASK);
  }

  /**
   * safeCut returns where to cut a text near `at` so that no secret spans the cut: the start of
   * the secret that would be cut (or its end, when it starts at 0). A long line is split this way.
   */
  safeCut(text: string, at: number): number {
    if (this.pattern === undefined) return at;
    this.pattern.lastIndex = 0;
    for (let match = this.pattern.exec(text); match !== null; match = this.pattern.exec(text)) {
      const end = match.index + match[0].length;
      if (match.index >= at) break;
      if (end > at) return match.index > 0 ? match.index : end;
    }
    return at;
  }
}

/** maskSecrets hides the given secret values in a text (see SecretMask). */
export function maskSecrets(text: string, secrets: Iterable<string>): string {
  const mask = new SecretMask();
  for (const secret of secrets) mask.add(secret);
  return mask.mask(text);
}
