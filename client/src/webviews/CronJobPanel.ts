import * as vscode from 'vscode';
import type { Ctx } from '../ctx';
import { BasePanel } from './basePanel';
import { ObjectPanelRegistry } from './objectPanels';
import type { FromWebview } from './contract';
import { buildCronJobPanelModel } from '../views/model/cronJobPanelModel';
import { simulateComingDays } from '../views/model/liveSimulation';
import { svgDataUrl } from './SimulationPanel';
import type { ObjectRef } from './objectRef';
import { ACTION_COMMANDS } from './actionCommands';
import { JobPanel } from './JobPanel';
import { eventsNote } from '../views/model/notices';

/** CronJobPanel shows one CronJob live: schedule, next runs, a 7-day calendar, settings, its Jobs and events. */
export class CronJobPanel extends BasePanel {
  private static readonly registry = new ObjectPanelRegistry<CronJobPanel>((ctx, ref, key, existing) => new CronJobPanel(ctx, ref, key, existing));
  private updateTimer: NodeJS.Timeout | undefined;
  private readonly clock: NodeJS.Timeout;
  /** The simulation picture, recomputed when the CronJob's spec changes (its generation). */
  private simulation: { generation: string; svgDataUrl?: string; note: string } | undefined;

  /** show opens (or reveals) the panel of a CronJob. */
  static show(ctx: Ctx, ref: ObjectRef): CronJobPanel {
    return CronJobPanel.registry.show(ctx, ref);
  }

  /** restore re-attaches a panel VS Code kept across a window reload. */
  static restore(ctx: Ctx, ref: ObjectRef, existing: vscode.WebviewPanel): CronJobPanel {
    return CronJobPanel.registry.restore(ctx, ref, existing);
  }

  private constructor(
    ctx: Ctx,
    private readonly ref: ObjectRef,
    private readonly key: string,
    existing?: vscode.WebviewPanel,
  ) {
    super(ctx, 'kubeJobs.cronJob', `CronJob ${ref.name}`, existing);
    const session = ctx.cluster.session;
    this.disposables.push(
      ctx.cluster.onDidChangeObjects(({ objects }) => {
        if (objects.some((o) => o.namespace === ref.namespace && (o.kind === 'CronJob' || o.kind === 'Job' || o.kind === 'Event') && (o.name === ref.name || o.name.startsWith(ref.name) || o.kind === 'Event'))) this.scheduleUpdate();
      }),
      ctx.cluster.onDidResolveAccess(({ q }) => {
        if (q.namespace === ref.namespace) this.scheduleUpdate();
      }),
      { dispose: () => CronJobPanel.registry.forget(this.key) },
    );
    for (const [verb, resource] of [['create', 'jobs'], ['patch', 'cronjobs'], ['get', 'cronjobs']] as const) {
      void session?.access.check({ namespace: ref.namespace, verb, group: 'batch', resource });
    }
    // "Next run in 4m" must count down even when nothing changes on the cluster.
    this.clock = setInterval(() => this.update(), 30_000);
  }

  private scheduleUpdate(): void {
    this.updateTimer ??= setTimeout(() => {
      this.updateTimer = undefined;
      this.update();
    }, 100);
  }

  update(): void {
    const session = this.ctx.cluster.session;
    if (!session) return;
    const index = session.index;
    const jobs = index.jobsOf(this.ref.namespace, this.ref.name);
    const events = [...index.eventsFor(this.ref.namespace, 'CronJob', this.ref.name), ...jobs.flatMap((j) => index.eventsFor(this.ref.namespace, 'Job', j.metadata?.name ?? ''))];
    const cronJob = index.cronJobs.get(this.ref.namespace, this.ref.name);
    const generation = `${cronJob?.metadata?.generation ?? ''}/${cronJob?.metadata?.uid ?? ''}`;
    if (cronJob && this.simulation?.generation !== generation) {
      const { svg, note } = simulateComingDays(cronJob, Date.now());
      this.simulation = { generation, note, ...(svg ? { svgDataUrl: svgDataUrl(svg) } : {}) };
    }
    const built = buildCronJobPanelModel({
      context: this.ctx.cluster.contextName,
      namespace: this.ref.namespace,
      name: this.ref.name,
      cronJob,
      jobs,
      events,
      nowMs: Date.now(),
      access: (verb, resource) => session.access.lookup({ namespace: this.ref.namespace, verb, group: 'batch', resource }),
    });
    const note = eventsNote(index.problemFor(this.ref.namespace, 'events'), this.ref.namespace);
    const model = note ? { ...built, eventsNote: note } : built;
    this.post({ type: 'model', model: { ...model, ...(this.simulation?.svgDataUrl ? { simulationSvgDataUrl: this.simulation.svgDataUrl } : {}), ...(this.simulation ? { simulationNote: this.simulation.note } : {}) } });
  }

  protected async onMessage(message: FromWebview): Promise<void> {
    switch (message.type) {
      case 'ready':
        this.update();
        return;
      case 'action':
        await vscode.commands.executeCommand(ACTION_COMMANDS[message.action], this.ref);
        return;
      case 'openJob':
        JobPanel.show(this.ctx, { kind: 'Job', namespace: this.ref.namespace, name: message.name });
        return;
      default:
        return;
    }
  }

  override dispose(): void {
    if (this.updateTimer) clearTimeout(this.updateTimer);
    clearInterval(this.clock);
    super.dispose();
  }
}
