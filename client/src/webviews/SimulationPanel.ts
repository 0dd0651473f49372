import type { Ctx } from '../ctx';
import { BasePanel } from './basePanel';
import type { FromWebview, SimulationControls, SimulationPanelModel } from './contract';

/** svgDataUrl wraps engine SVG as a data: URL so the page shows it as an image (no script in it can run). */
export function svgDataUrl(svg: string): string {
  return `data:image/svg+xml;base64,${Buffer.from(svg, 'utf8').toString('base64')}`;
}

/**
 * SimulationPanel shows a simulation — the engine's SVG timeline, its events — and the
 * controls that re-run it (window, pod outcomes, random model). One panel per document
 * simulated: simulating it again reveals and re-runs the same panel.
 */
export class SimulationPanel extends BasePanel {
  private static readonly open = new Map<string, SimulationPanel>();
  private model: SimulationPanelModel;

  /** show opens (or reveals) the panel of `key` (the document simulated); `rerun` runs it again with new controls. */
  static show(
    ctx: Ctx,
    key: string,
    model: SimulationPanelModel,
    rerun: (controls: SimulationControls) => Promise<void>,
  ): SimulationPanel {
    const existing = SimulationPanel.open.get(key);
    if (existing && !existing.isDisposed) {
      existing.rerun = rerun;
      existing.setModel(model);
      existing.panel.reveal();
      return existing;
    }
    const panel = new SimulationPanel(ctx, model, rerun);
    SimulationPanel.open.set(key, panel);
    panel.disposables.push({ dispose: () => SimulationPanel.open.delete(key) });
    return panel;
  }

  private constructor(
    ctx: Ctx,
    model: SimulationPanelModel,
    private rerun: (controls: SimulationControls) => Promise<void>,
  ) {
    super(ctx, 'kubeJobs.simulation', model.title);
    this.model = model;
  }

  setModel(model: SimulationPanelModel): void {
    this.model = model;
    this.panel.title = model.title;
    this.post({ type: 'model', model });
  }

  protected async onMessage(message: FromWebview): Promise<void> {
    if (message.type === 'ready') this.post({ type: 'model', model: this.model });
    if (message.type === 'simulate') await this.rerun(message.controls);
  }
}
