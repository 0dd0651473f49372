import * as vscode from 'vscode';
import type { Ctx } from '../ctx';
import { ObjectPanel } from './objectPanel';
import { ObjectPanelRegistry } from './objectPanels';
import type { FromWebview, LogLineView, LogOptions } from './contract';
import { buildJobPanelModel } from '../views/model/jobPanelModel';
import { failureCard } from '../views/model/failureCard';
import { JobLogs } from '../cluster/jobLogs';
import { fetchLogs } from '../cluster/logs';
import type { LogEntry } from '../cluster/logs';
import { readConfig } from '../config';
import type { ObjectRef } from './objectRef';

const MAX_BUFFERED_LINES = 20_000;

/**
 * JobPanel shows one Job live: status, conditions, counts, timing, settings, events, pods and
 * a pod timeline, the "why it failed" card, and the logs of all its pods.
 */
export class JobPanel extends ObjectPanel {
  /** The open panels: `JobPanel.panels.show(ctx, ref)` opens (or reveals) one, `restore` re-attaches one after a reload. */
  static readonly panels = new ObjectPanelRegistry<JobPanel>((ctx, ref, key, existing) => new JobPanel(ctx, ref, key, existing));
  private readonly logs: JobLogs;
  private buffer: LogLineView[] = [];
  private logOptions: LogOptions;
  private readonly lastLines = new Map<string, readonly string[]>();
  private readonly fetchingLines = new Set<string>();

  private constructor(ctx: Ctx, ref: ObjectRef, key: string, existing?: vscode.WebviewPanel) {
    super(
      ctx,
      ref,
      {
        viewType: 'kubeJobs.job',
        title: `Job ${ref.name}`,
        // The Job, its pods (named after it) and the events of the namespace.
        shows: (o) => o.namespace === ref.namespace && (o.name === ref.name || o.name.startsWith(ref.name) || o.kind === 'Event'),
        buttons: [
          ['patch', 'jobs'],
          ['delete', 'jobs'],
          ['get', 'jobs'],
        ],
        onDispose: () => JobPanel.panels.forget(key),
      },
      existing,
    );
    const cfg = readConfig();
    this.logOptions = { follow: true, previous: false, timestamps: cfg.logs.timestamps };
    const session = ctx.cluster.session;
    if (!session) throw new Error('no cluster connection');
    this.logs = new JobLogs(
      session.transport,
      ref.namespace,
      cfg.logs.tailLines,
      (lines) => this.addLines(lines),
      (text) => this.post({ type: 'logStatus', text }),
    );
    this.disposables.push({ dispose: () => void this.logs.dispose() });
    this.logs.setFollowing(true, this.pods());
  }

  private pods(): ReturnType<NonNullable<Ctx['cluster']['session']>['index']['podsOf']> {
    return this.ctx.cluster.session?.index.podsOf(this.ref.namespace, this.ref.name) ?? [];
  }

  update(): void {
    const index = this.ctx.cluster.session?.index;
    if (!index) return;
    const job = index.jobs.get(this.ref.namespace, this.ref.name);
    const pods = this.pods();
    const events = [
      ...index.eventsFor(this.ref.namespace, 'Job', this.ref.name),
      ...pods.flatMap((p) => index.eventsFor(this.ref.namespace, 'Pod', p.metadata?.name ?? '')),
    ];
    const model = buildJobPanelModel({
      context: this.ctx.cluster.contextName,
      namespace: this.ref.namespace,
      name: this.ref.name,
      job,
      pods,
      events,
      nowMs: Date.now(),
      lastLines: this.lastLines,
      access: this.access(),
    });
    this.post({ type: 'model', model: this.withEventsNote(model) });
    this.logs.sync(pods);
    if (job) this.fetchFailingLines(failureCard(job, pods)?.containers ?? []);
  }

  private fetchFailingLines(
    containers: readonly { pod: string; container: string; linesFromPrevious?: boolean; neverRan?: boolean }[],
  ): void {
    const transport = this.ctx.cluster.session?.transport;
    if (!transport) return;
    for (const c of containers) {
      if (c.neverRan) continue;
      const key = `${c.pod}/${c.container}`;
      if (this.lastLines.has(key) || this.fetchingLines.has(key)) continue;
      this.fetchingLines.add(key);
      // A restarting container's useful lines are those of the run that crashed (`kubectl logs --previous`).
      void fetchLogs(transport, this.ref.namespace, c.pod, c.container, {
        tailLines: 15,
        ...(c.linesFromPrevious ? { previous: true } : {}),
      })
        .then((entries) => entries.map((e) => e.text))
        .catch((error: unknown) => [`(no log: ${error instanceof Error ? error.message : String(error)})`])
        .then((lines) => {
          this.lastLines.set(key, lines);
          this.fetchingLines.delete(key);
          this.scheduleUpdate();
        });
    }
  }

  private addLines(lines: readonly LogEntry[]): void {
    const views = lines.map((l) => ({
      pod: l.pod,
      container: l.container,
      timestamp: l.timestamp,
      text: l.text,
      ...(l.previous ? { previous: true } : {}),
    }));
    this.buffer.push(...views);
    if (this.buffer.length > MAX_BUFFERED_LINES) this.buffer = this.buffer.slice(-MAX_BUFFERED_LINES);
    this.post({ type: 'logLines', lines: views });
  }

  protected async onMessage(message: FromWebview): Promise<void> {
    switch (message.type) {
      case 'ready':
        this.update();
        this.post({ type: 'logOptions', options: this.logOptions });
        this.post({ type: 'logLines', lines: this.buffer, reset: true });
        return;
      case 'action':
        await this.runAction(message);
        return;
      case 'logOptions': {
        const before = this.logOptions;
        this.logOptions = message.options;
        if (message.options.previous !== before.previous) {
          await this.logs.stopAll();
          this.buffer = [];
          this.post({ type: 'logLines', lines: [], reset: true });
          if (message.options.previous) {
            const transport = this.ctx.cluster.session?.transport;
            if (transport) this.addLines(await this.logs.previous(this.pods()));
            return;
          }
          this.logs.setFollowing(message.options.follow, this.pods());
        } else if (message.options.follow !== before.follow) {
          this.logs.setFollowing(message.options.follow, this.pods());
        }
        return;
      }
      case 'saveLogs': {
        const uri = await vscode.window.showSaveDialog({
          defaultUri: vscode.Uri.file(`${this.ref.name}.kjlog`),
          filters: { 'Kube Jobs log': ['kjlog'], Text: ['log', 'txt'] },
        });
        if (uri) await vscode.workspace.fs.writeFile(uri, Buffer.from(message.text, 'utf8'));
        return;
      }
      case 'openJob':
        JobPanel.panels.show(this.ctx, { kind: 'Job', namespace: this.ref.namespace, name: message.name });
        return;
    }
  }
}
