import * as vscode from 'vscode';
import { randomBytes } from 'node:crypto';
import type { Ctx } from '../ctx';
import { readLogTail, readRun } from '../../../runner';
import type { LocalRunHandle, RunState, TimelineEvent } from '../../../runner';
import { LogBatcher } from './logBatch';
import type { PanelLogLine } from './logBatch';

/** Messages to the page (data only; the page's script is static). */
type ToPage =
  | { type: 'init'; title: string; status: string; running: boolean; logs: PanelLogLine[]; events: TimelineEvent[] }
  | { type: 'logs'; lines: readonly PanelLogLine[]; skipped: number }
  | { type: 'event'; event: TimelineEvent }
  | { type: 'status'; status: string; running: boolean };

/** Caps what the page holds, so a chatty pod cannot exhaust it. */
const MAX_LINES = 5000;
/** Log lines go to the page in batches, at most this often, each once the page took the one before. */
const LOG_BATCH_MS = 100;

/**
 * The panel of one local run: live pod-prefixed logs, the timeline of controller events, and a
 * Cancel button. Opened for a live run, or on a finished run folder (read back from disk).
 */
export class LocalRunPanel implements vscode.Disposable {
  private static readonly open = new Map<string, LocalRunPanel>();
  private readonly panel: vscode.WebviewPanel;
  private readonly disposables: vscode.Disposable[] = [];
  private ready = false;
  private disposed = false;
  private queue: ToPage[] = [];
  private readonly logs = new LogBatcher(MAX_LINES);
  private sendingLogs = false;

  static show(ctx: Ctx, dir: string, handle?: LocalRunHandle): LocalRunPanel {
    const existing = LocalRunPanel.open.get(dir);
    if (existing !== undefined) {
      existing.panel.reveal();
      return existing;
    }
    const panel = new LocalRunPanel(ctx, dir, handle);
    LocalRunPanel.open.set(dir, panel);
    return panel;
  }

  /** forRun returns the open panel of a run, if any (live updates go there). */
  static forRun(dir: string): LocalRunPanel | undefined {
    return LocalRunPanel.open.get(dir);
  }

  private constructor(
    private readonly ctx: Ctx,
    private readonly dir: string,
    private readonly handle: LocalRunHandle | undefined,
  ) {
    const { summary } = handle ?? readRun(dir);
    this.panel = vscode.window.createWebviewPanel('kubeJobs.localRun', `Local run: ${summary.name}`, vscode.ViewColumn.Active, {
      enableScripts: true,
      localResourceRoots: [],
      retainContextWhenHidden: true,
    });
    const nonce = randomBytes(16).toString('base64');
    this.panel.webview.html = pageHtml(nonce, this.panel.webview.cspSource);
    this.disposables.push(
      this.panel.webview.onDidReceiveMessage((m: unknown) => {
        const type = typeof m === 'object' && m !== null ? (m as { type?: unknown }).type : undefined;
        if (type === 'ready') {
          this.ready = true;
          this.post(this.initMessage());
          for (const q of this.queue.splice(0)) void this.panel.webview.postMessage(q);
          this.sendLogsSoon();
        } else if (type === 'cancel') {
          void vscode.commands.executeCommand('kubeJobs.cancelLocalRun', this.dir);
        }
      }),
      this.panel.onDidDispose(() => this.dispose()),
    );
  }

  private initMessage(): ToPage {
    const { summary, events, state } = readRun(this.dir);
    const live = this.handle?.summary ?? summary;
    const logs: PanelLogLine[] = [];
    // A live run's panel opens before its first pod starts: everything reaches it as messages.
    if (this.handle !== undefined) {
      return {
        type: 'init',
        title: `${live.kind} ${live.name}`,
        status: statusText(live, 'running'),
        running: live.outcome === undefined,
        logs,
        events: [],
      };
    }
    for (const pod of live.pods) {
      for (const c of pod.containers) {
        for (const line of readLogTail(this.dir, pod.name, c.name, MAX_LINES)) {
          logs.push({ pod: pod.containers.length > 1 ? `${pod.name}/${c.name}` : pod.name, line });
        }
      }
    }
    return {
      type: 'init',
      title: `${live.kind} ${live.name}`,
      status: statusText(live, state),
      running: false,
      logs: logs.slice(-MAX_LINES),
      events,
    };
  }

  log(pod: string, line: string): void {
    this.logs.add({ pod, line });
    this.sendLogsSoon();
  }

  /** sendLogsSoon sends the waiting log lines in one message, after the page took the previous one. */
  private sendLogsSoon(): void {
    if (this.sendingLogs || !this.ready || this.logs.size === 0) return;
    this.sendingLogs = true;
    setTimeout(() => {
      const batch = this.logs.take();
      const sent =
        batch === undefined || this.disposed
          ? Promise.resolve(true)
          : this.panel.webview.postMessage({ type: 'logs', ...batch } satisfies ToPage);
      void Promise.resolve(sent)
        .catch(() => false)
        .then(() => {
          this.sendingLogs = false;
          if (!this.disposed) this.sendLogsSoon();
        });
    }, LOG_BATCH_MS);
  }

  event(event: TimelineEvent): void {
    this.post({ type: 'event', event });
  }

  status(): void {
    if (this.handle === undefined) return;
    this.post({
      type: 'status',
      status: statusText(this.handle.summary, 'running'),
      running: this.handle.summary.outcome === undefined,
    });
  }

  private post(message: ToPage): void {
    if (!this.ready) {
      if (message.type !== 'init') this.queue.push(message);
      return;
    }
    // Log lines written before an event or a status change reach the page before it.
    const logs = message.type === 'init' ? undefined : this.logs.take();
    if (logs !== undefined) void this.panel.webview.postMessage({ type: 'logs', ...logs } satisfies ToPage);
    void this.panel.webview.postMessage(message);
  }

  dispose(): void {
    this.disposed = true;
    LocalRunPanel.open.delete(this.dir);
    for (const d of this.disposables.splice(0)) d.dispose();
    this.panel.dispose();
    this.ctx.log.debug?.(`local run panel closed: ${this.dir}`);
  }
}

function statusText(summary: LocalRunHandle['summary'], state: RunState): string {
  const o = summary.outcome;
  const pods = `${summary.pods.filter((p) => p.phase === 'Succeeded').length} succeeded, ${summary.pods.filter((p) => p.phase === 'Failed').length} failed, ${summary.pods.filter((p) => p.phase === 'Running' || p.phase === 'Pending').length} active`;
  if (o === undefined && state === 'interrupted') return `Interrupted: the process that ran it ended first · ${pods}`;
  if (o === undefined) return `Running · ${pods} · ${summary.runtime}`;
  return `${o.result}${o.reason === undefined ? '' : `: ${o.reason}`}${o.message === undefined ? '' : ` — ${o.message}`} · ${pods}`;
}

/** The page: static markup and script (nonce'd); every piece of data arrives by postMessage and is inserted as text. */
function pageHtml(nonce: string, cspSource: string): string {
  return `<!DOCTYPE html>
<html lang="en"><head><meta charset="utf-8">
<meta http-equiv="Content-Security-Policy" content="default-src 'none'; script-src 'nonce-${nonce}'; style-src 'nonce-${nonce}' ${cspSource};">
<style nonce="${nonce}">
body { font-family: var(--vscode-font-family); color: var(--vscode-foreground); padding: 0 12px; }
header { display: flex; align-items: center; gap: 12px; position: sticky; top: 0; background: var(--vscode-editor-background); padding: 8px 0; }
h1 { font-size: 1.2em; margin: 0; }
#status { color: var(--vscode-descriptionForeground); flex: 1; }
button { background: var(--vscode-button-background); color: var(--vscode-button-foreground); border: none; padding: 4px 12px; cursor: pointer; }
button:disabled { opacity: 0.5; cursor: default; }
section { display: grid; grid-template-columns: 1fr 1fr; gap: 16px; }
pre { font-family: var(--vscode-editor-font-family); font-size: var(--vscode-editor-font-size); white-space: pre-wrap; margin: 0; }
.pod { color: var(--vscode-textLink-foreground); }
.Warning { color: var(--vscode-editorWarning-foreground); }
.time { color: var(--vscode-descriptionForeground); }
.skipped { color: var(--vscode-descriptionForeground); font-style: italic; }
</style></head>
<body>
<header><h1 id="title">Local run</h1><span id="status"></span><button id="cancel" disabled>Cancel</button></header>
<section>
<div><h2>Logs</h2><div id="skipped" class="skipped" hidden></div><pre id="logs"></pre></div>
<div><h2>Timeline</h2><pre id="events"></pre></div>
</section>
<script nonce="${nonce}">
const vscode = acquireVsCodeApi();
const $ = (id) => document.getElementById(id);
const MAX = ${MAX_LINES};
let hidden = 0;
function line(parent, parts) {
  const div = document.createElement('div');
  for (const [cls, text] of parts) { const span = document.createElement('span'); if (cls) span.className = cls; span.textContent = text; div.appendChild(span); }
  parent.appendChild(div);
  while (parent.childNodes.length > MAX) { parent.removeChild(parent.firstChild); if (parent.id === 'logs') hide(1); }
}
function hide(n) {
  hidden += n;
  $('skipped').hidden = hidden === 0;
  const lines = hidden.toLocaleString('en-US') + ' earlier line' + (hidden === 1 ? '' : 's');
  $('skipped').textContent = '… ' + lines + ' not shown here (the run record keeps every line)';
}
function addLog(pod, text) { line($('logs'), [['pod', '[' + pod + '] '], ['', text]]); }
function addEvent(e) {
  const t = new Date(e.at).toLocaleTimeString();
  line($('events'), [['time', t + '  '], [e.type, e.reason + ' '], ['', e.object + ': ' + e.message]]);
}
function setStatus(status, running) { $('status').textContent = status; $('cancel').disabled = !running; }
$('cancel').addEventListener('click', () => { $('cancel').disabled = true; vscode.postMessage({ type: 'cancel' }); });
window.addEventListener('message', (event) => {
  const m = event.data;
  if (m.type === 'init') {
    $('title').textContent = m.title; $('logs').textContent = ''; $('events').textContent = '';
    hidden = 0;
    hide(0);
    m.logs.forEach((l) => addLog(l.pod, l.line));
    m.events.forEach(addEvent);
    setStatus(m.status, m.running);
  } else if (m.type === 'logs') {
    if (m.skipped > 0) hide(m.skipped);
    m.lines.forEach((l) => addLog(l.pod, l.line));
  }
  else if (m.type === 'event') addEvent(m.event);
  else if (m.type === 'status') setStatus(m.status, m.running);
});
vscode.postMessage({ type: 'ready' });
</script></body></html>`;
}
