import type * as vscode from 'vscode';
import type { Ctx } from '../ctx';
import { ObjectPanel } from './objectPanel';
import { ObjectPanelRegistry } from './objectPanels';
import type { FromWebview } from './contract';
import { buildCronJobPanelModel } from '../views/model/cronJobPanelModel';
import { simulateComingDays } from '../views/model/liveSimulation';
import { svgDataUrl } from './SimulationPanel';
import type { ObjectRef } from './objectRef';
import { JobPanel } from './JobPanel';

/** CronJobPanel shows one CronJob live: schedule, next runs, a 7-day calendar, settings, its Jobs and events. */
export class CronJobPanel extends ObjectPanel {
  /** The open panels: `CronJobPanel.panels.show(ctx, ref)` opens (or reveals) one, `restore` re-attaches one after a reload. */
  static readonly panels = new ObjectPanelRegistry<CronJobPanel>(
    (ctx, ref, key, existing) => new CronJobPanel(ctx, ref, key, existing),
  );
  private readonly clock: NodeJS.Timeout;
  /** The simulation picture, recomputed when the CronJob's spec changes (its generation). */
  private simulation: { generation: string; svgDataUrl?: string; note: string } | undefined;

  private constructor(ctx: Ctx, ref: ObjectRef, key: string, existing?: vscode.WebviewPanel) {
    super(
      ctx,
      ref,
      {
        viewType: 'kubeJobs.cronJob',
        title: `CronJob ${ref.name}`,
        // The CronJob, its Jobs (named after it) and the events of the namespace.
        shows: (o) =>
          o.namespace === ref.namespace &&
          (o.kind === 'CronJob' || o.kind === 'Job' || o.kind === 'Event') &&
          (o.name === ref.name || o.name.startsWith(ref.name) || o.kind === 'Event'),
        buttons: [
          ['create', 'jobs'],
          ['patch', 'cronjobs'],
          ['get', 'cronjobs'],
        ],
        onDispose: () => CronJobPanel.panels.forget(key),
      },
      existing,
    );
    // "Next run in 4m" must count down even when nothing changes on the cluster.
    this.clock = setInterval(() => this.update(), 30_000);
  }

  update(): void {
    const session = this.ctx.cluster.session;
    if (!session) return;
    const index = session.index;
    const jobs = index.jobsOf(this.ref.namespace, this.ref.name);
    const events = [
      ...index.eventsFor(this.ref.namespace, 'CronJob', this.ref.name),
      ...jobs.flatMap((j) => index.eventsFor(this.ref.namespace, 'Job', j.metadata?.name ?? '')),
    ];
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
      access: this.access(),
    });
    const model = this.withEventsNote(built);
    this.post({
      type: 'model',
      model: {
        ...model,
        ...(this.simulation?.svgDataUrl ? { simulationSvgDataUrl: this.simulation.svgDataUrl } : {}),
        ...(this.simulation ? { simulationNote: this.simulation.note } : {}),
      },
    });
  }

  protected async onMessage(message: FromWebview): Promise<void> {
    switch (message.type) {
      case 'ready':
        this.update();
        return;
      case 'action':
        await this.runAction(message);
        return;
      case 'openJob':
        JobPanel.panels.show(this.ctx, { kind: 'Job', namespace: this.ref.namespace, name: message.name });
        return;
      default:
        return;
    }
  }

  override dispose(): void {
    clearInterval(this.clock);
    super.dispose();
  }
}
