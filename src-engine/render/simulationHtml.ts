import { formatRfc3339 } from '../controllers/rfc3339';
import type { Simulation } from '../sim/records';
import { escapeXml } from './svgStyle';
import { renderSimulationSvg, type RenderOptions } from './timeline';

/**
 * renderSimulationHtml wraps the SVG in a standalone HTML page (no scripts) with a short
 * summary and the event list.
 */
export function renderSimulationHtml(sim: Simulation, options: RenderOptions & { readonly summary?: string } = {}): string {
  const svg = renderSimulationSvg(sim, options);
  const title = `${sim.kind} ${sim.name} — kube-jobs simulation`;
  const events = sim.events
    .slice(0, 500)
    .map(
      (e) =>
        `<tr><td>${escapeXml(formatRfc3339(e.time))}</td><td>${escapeXml(e.type)}</td><td>${escapeXml(e.reason)}</td><td>${escapeXml(e.object)}</td><td>${escapeXml(e.message)}</td></tr>`,
    );
  return [
    '<!DOCTYPE html>',
    '<html lang="en"><head><meta charset="utf-8">',
    `<title>${escapeXml(title)}</title>`,
    '<style>body{font-family:sans-serif;margin:16px;color:#222}table{border-collapse:collapse;font-size:12px}td,th{border-bottom:1px solid #ddd;padding:2px 8px;text-align:left}pre{background:#f6f6f6;padding:8px;overflow:auto}</style>',
    '</head><body>',
    `<h1>${escapeXml(title)}</h1>`,
    svg,
    options.summary !== undefined ? `<pre>${escapeXml(options.summary)}</pre>` : '',
    `<h2>Events${sim.events.length > 500 ? ` (first 500 of ${sim.events.length + sim.eventsDropped})` : ''}</h2>`,
    '<table><thead><tr><th>Time</th><th>Type</th><th>Reason</th><th>Object</th><th>Message</th></tr></thead><tbody>',
    ...events,
    '</tbody></table>',
    '</body></html>',
    '',
  ].join('\n');
}
