/**
 * Generated hostile input for the language server: random bytes, truncated and mutated
 * manifests, Helm templates, deep nesting, alias bombs and a 10 MB file. Seeded, so a failure
 * can be replayed.
 */
import { mulberry32 } from '../../src-engine';
import { CRONJOB, JOB } from './caret';

/** Seeded generator for the corpus: the engine's own, so runs replay exactly. */
export const prng = mulberry32;

const INDEXED = JOB.replace('  backoffLimit: 2\n', '  completionMode: Indexed\n  completions: 5\n  backoffLimitPerIndex: 1\n');
const SEEDS = [JOB, CRONJOB, INDEXED, CRONJOB.replace('"0 3 * * *"', '*/5 * * * *'), `${JOB}---\n${CRONJOB}`];
const SNIPPETS = [
  '*',
  '&a',
  '*a',
  '{{ .Values.x }}',
  '---\n',
  '...\n',
  ': ',
  '- ',
  '"',
  "'",
  '[',
  ']',
  '{',
  '}',
  '#',
  '\t',
  '\r\n',
  '\u0000',
  '\uFFFD',
  'schedule: ',
  'timeZone: Mars/Base',
  '  ',
  '\n',
  '@every 0s',
  '0 0 30 2 *',
  '!!binary',
  '|',
  '>-',
  '? ',
  '%YAML 1.2\n',
];

export type Sample = { readonly kind: string; readonly text: string };

function pick<T>(random: () => number, items: readonly T[]): T {
  return items[Math.floor(random() * items.length)] as T;
}

function randomBytes(random: () => number): string {
  const length = Math.floor(random() * 400);
  let out = '';
  for (let i = 0; i < length; i++) out += String.fromCharCode(Math.floor(random() * (random() < 0.8 ? 128 : 0xffff)));
  return out;
}

function mutate(random: () => number, text: string): string {
  let out = text;
  const edits = 1 + Math.floor(random() * 6);
  for (let i = 0; i < edits; i++) {
    const at = Math.floor(random() * (out.length + 1));
    const op = random();
    if (op < 0.4) out = out.slice(0, at) + pick(random, SNIPPETS) + out.slice(at);
    else if (op < 0.7) out = out.slice(0, at) + out.slice(at + 1 + Math.floor(random() * 20));
    else out = out.slice(0, at) + String.fromCharCode(32 + Math.floor(random() * 95)) + out.slice(at + 1);
  }
  return out;
}

function helm(random: () => number): string {
  const base = pick(random, SEEDS);
  return base
    .replace('name: ', 'name: {{ include "chart.fullname" . }}-')
    .replace(/image: .*/, 'image: "{{ .Values.image.repository }}:{{ .Values.image.tag }}"')
    .concat(random() < 0.5 ? '{{- if .Values.extra }}\n  extra: {{ toYaml .Values.extra | nindent 4 }}\n{{- end }}\n' : '');
}

function deep(random: () => number): string {
  const n = 50 + Math.floor(random() * 3000);
  const style = random();
  if (style < 0.33) return `apiVersion: batch/v1\nkind: Job\nspec: ${'['.repeat(n)}${random() < 0.5 ? ']'.repeat(n) : ''}\n`;
  if (style < 0.66) return `apiVersion: batch/v1\nkind: Job\nspec: ${'{a: '.repeat(n)}1${'}'.repeat(n)}\n`;
  return `apiVersion: batch/v1\nkind: CronJob\nspec:\n${Array.from({ length: Math.min(n, 600) }, (_, i) => `${' '.repeat(i + 1)}k${i}:`).join('\n')}\n`;
}

function aliasBomb(random: () => number): string {
  const levels = 5 + Math.floor(random() * 6);
  const lines = [
    'apiVersion: batch/v1',
    'kind: Job',
    'metadata:',
    '  name: bomb',
    'x0: &x0 [lol, lol, lol, lol, lol, lol, lol, lol, lol]',
  ];
  for (let i = 1; i < levels; i++) lines.push(`x${i}: &x${i} [${Array.from({ length: 9 }, () => `*x${i - 1}`).join(', ')}]`);
  lines.push(`spec: *x${levels - 1}`);
  return `${lines.join('\n')}\n`;
}

/** sample returns the i-th generated document. */
export function sample(random: () => number): Sample {
  const r = random();
  if (r < 0.12) return { kind: 'random bytes', text: randomBytes(random) };
  if (r < 0.3) {
    const base = pick(random, SEEDS);
    return { kind: 'truncated', text: base.slice(0, Math.floor(random() * base.length)) };
  }
  if (r < 0.75) return { kind: 'mutated', text: mutate(random, pick(random, SEEDS)) };
  if (r < 0.85) return { kind: 'helm', text: helm(random) };
  if (r < 0.93) return { kind: 'deep nesting', text: deep(random) };
  return { kind: 'alias bomb', text: aliasBomb(random) };
}

/** A file of just over 10 MB of Jobs. */
export function tenMegabytes(): string {
  const doc = `${JOB}---\n`;
  return doc.repeat(Math.ceil((10 * 1024 * 1024) / doc.length));
}
