import type { LogLineView, LogOptions } from '../src/webviews/contract';
import { h } from './dom';
import { parseAnsi, stripAnsi } from './ansi';

const MAX_LINES = 20_000;

/** prefixClass gives each pod/container a stable colour out of eight. */
function prefixClass(prefix: string): string {
  let hash = 0;
  for (let i = 0; i < prefix.length; i++) hash = (hash * 31 + prefix.charCodeAt(i)) | 0;
  return `prefix prefix-${Math.abs(hash) % 8}`;
}

/** appendHighlighted adds text to `el`, wrapping matches of `needle` (case-insensitive) in <mark>. */
function appendHighlighted(el: HTMLElement, text: string, needle: string): void {
  if (!needle) {
    el.appendChild(document.createTextNode(text));
    return;
  }
  const lower = text.toLowerCase();
  let at = 0;
  for (;;) {
    const i = lower.indexOf(needle, at);
    if (i < 0) break;
    if (i > at) el.appendChild(document.createTextNode(text.slice(at, i)));
    el.appendChild(h('mark', {}, text.slice(i, i + needle.length)));
    at = i + needle.length;
  }
  if (at < text.length) el.appendChild(document.createTextNode(text.slice(at)));
}

/**
 * LogView shows the merged logs of a Job's pods: a `[pod/container]` prefix per line,
 * optional timestamps, ANSI colours as classes, search (filter + highlight), follow
 * (auto-scroll and keep streaming), previous container, and save.
 */
export class LogView {
  readonly element: HTMLElement;
  private readonly body: HTMLElement;
  private readonly status: HTMLElement;
  private readonly count: HTMLElement;
  private lines: LogLineView[] = [];
  private search: string;
  private options: LogOptions;

  constructor(
    initial: { search: string; options: LogOptions },
    private readonly onOptions: (o: LogOptions) => void,
    private readonly onSearch: (s: string) => void,
    private readonly onSave: (text: string) => void,
  ) {
    this.search = initial.search;
    this.options = initial.options;
    const toggle = (label: string, key: keyof LogOptions, title: string): HTMLElement =>
      h(
        'label',
        { class: 'toggle', title },
        h('input', {
          type: 'checkbox',
          checked: this.options[key],
          onChange: (e) => this.setOption(key, (e.target as HTMLInputElement).checked),
        }),
        label,
      );
    this.body = h('div', { class: 'log-body', role: 'log', ariaLabel: 'Pod logs' });
    this.status = h('span', { class: 'muted log-status' });
    this.count = h('span', { class: 'muted' });
    this.element = h(
      'section',
      { class: 'logs', id: 'logs' },
      h('h2', {}, 'Logs'),
      h(
        'div',
        { class: 'log-toolbar' },
        h('input', {
          type: 'search',
          class: 'log-search',
          placeholder: 'Search logs',
          value: this.search,
          ariaLabel: 'Search logs',
          onInput: (e) => this.setSearch((e.target as HTMLInputElement).value),
        }),
        toggle('Follow', 'follow', 'Keep streaming new lines and scroll to the end'),
        toggle('Timestamps', 'timestamps', "Show the kubelet's timestamp of each line"),
        toggle('Previous container', 'previous', 'Show the log of the previous (terminated) instance of restarted containers'),
        h('button', { class: 'secondary', onClick: () => this.onSave(this.text()) }, 'Save…'),
        this.count,
        this.status,
      ),
      this.body,
    );
  }

  private setOption(key: keyof LogOptions, value: boolean): void {
    this.options = { ...this.options, [key]: value };
    this.onOptions(this.options);
    if (key === 'timestamps') this.rerender();
  }

  setOptions(options: LogOptions): void {
    this.options = options;
    for (const input of this.element.querySelectorAll<HTMLInputElement>('input[type=checkbox]')) {
      const key =
        input.parentElement?.textContent === 'Follow'
          ? 'follow'
          : input.parentElement?.textContent === 'Timestamps'
            ? 'timestamps'
            : 'previous';
      input.checked = options[key];
    }
    this.rerender();
  }

  private setSearch(value: string): void {
    this.search = value;
    this.onSearch(value);
    this.rerender();
  }

  setStatus(text: string): void {
    this.status.textContent = text;
  }

  /** add appends lines (or replaces all with reset). */
  add(lines: readonly LogLineView[], reset = false): void {
    if (reset) {
      this.lines = [];
      this.body.replaceChildren();
    }
    const needle = this.search.toLowerCase();
    const fragment = document.createDocumentFragment();
    for (const line of lines) {
      this.lines.push(line);
      const row = this.renderLine(line, needle);
      if (row) fragment.appendChild(row);
    }
    this.body.appendChild(fragment);
    if (this.lines.length > MAX_LINES) {
      const drop = this.lines.length - MAX_LINES;
      this.lines = this.lines.slice(drop);
      this.rerender();
    }
    this.count.textContent = `${this.lines.length} lines`;
    if (this.options.follow) this.body.scrollTop = this.body.scrollHeight;
  }

  private renderLine(line: LogLineView, needle: string): HTMLElement | undefined {
    const plain = stripAnsi(line.text);
    if (needle && !plain.toLowerCase().includes(needle) && !`${line.pod}/${line.container}`.toLowerCase().includes(needle)) {
      return undefined;
    }
    const row = h('div', { class: line.previous ? 'log-line previous' : 'log-line' });
    const prefix = `${line.pod}/${line.container}`;
    row.appendChild(h('span', { class: prefixClass(prefix) }, `[${prefix}]${line.previous ? ' (previous)' : ''} `));
    if (this.options.timestamps && line.timestamp) row.appendChild(h('span', { class: 'ts' }, `${line.timestamp} `));
    for (const seg of parseAnsi(line.text)) {
      const span = h('span', seg.classes.length > 0 ? { class: seg.classes.join(' ') } : {});
      appendHighlighted(span, seg.text, needle);
      row.appendChild(span);
    }
    return row;
  }

  private rerender(): void {
    const lines = this.lines;
    this.lines = [];
    this.body.replaceChildren();
    this.add(lines);
  }

  /** text is the log as a file: prefix, timestamp, plain text. */
  text(): string {
    return (
      this.lines.map((l) => `[${l.pod}/${l.container}] ${l.timestamp ? `${l.timestamp} ` : ''}${stripAnsi(l.text)}`).join('\n') +
      '\n'
    );
  }
}
