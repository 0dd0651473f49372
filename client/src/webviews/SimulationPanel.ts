import type { Ctx } from '../ctx';
import { BasePanel } from './basePanel';
import type { FromWebview, SimulationPanelModel } from './contract';

/** svgDataUrl wraps engine SVG as a data: URL so the page shows it as an image (no script in it can run). */
export function svgDataUrl(svg: string): string {
  return `data:image/svg+xml;base64,${Buffer.from(svg, 'utf8').toString('base64')}`;
}

/** SimulationPanel shows a simulation's timeline (the engine's SVG) and its events. */
export class SimulationPanel extends BasePanel {
  private model: SimulationPanelModel;

  constructor(ctx: Ctx, model: SimulationPanelModel) {
    super(ctx, 'kubeJobs.simulation', model.title);
    this.model = model;
  }

  setModel(model: SimulationPanelModel): void {
    this.model = model;
    this.panel.title = model.title;
    this.post({ type: 'model', model });
  }

  protected onMessage(message: FromWebview): void {
    if (message.type === 'ready') this.post({ type: 'model', model: this.model });
  }
}
