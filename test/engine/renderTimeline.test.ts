import { describe, it } from 'node:test';
import * as assert from 'node:assert/strict';
import { escapeXml, renderSimulationHtml, renderSimulationSvg, simulate, specPodModel } from '../../src-engine';

const T0 = Date.parse('2026-01-05T00:00:00Z');
const tpl = { template: { spec: { restartPolicy: 'Never', containers: [{ name: 'c' }] } } };

function sim(kind: 'Job' | 'CronJob', value: unknown, pods: string, until?: number) {
  const model = specPodModel(pods);
  assert.ok(model.ok);
  const r = simulate(kind, value, { start: T0, podModel: model.model, ...(until !== undefined ? { until } : {}) });
  assert.ok(r.ok);
  return r.simulation;
}

describe('renderSimulationSvg', () => {
  it('draws one bar per pod, failures red, successes green, backoff amber, and escapes names', () => {
    const s = sim('Job', { metadata: { name: 'a<b>&"c' }, spec: { backoffLimit: 2, ...tpl } }, 'fail@5s,succeed@5s');
    const svg = renderSimulationSvg(s);
    assert.ok(svg.startsWith('<svg') && svg.endsWith('</svg>'));
    assert.ok(!svg.includes('a<b>'), 'names are escaped');
    assert.ok(svg.includes(escapeXml('a<b>&"c')));
    assert.ok(svg.includes('#d33c3c') && svg.includes('#2e9e4f') && svg.includes('#f0a830'));
  });
  it('CronJob over several days gets a calendar; HTML embeds the SVG without scripts', () => {
    const s = sim(
      'CronJob',
      { metadata: { name: 'nightly' }, spec: { schedule: '0 3 * * *', jobTemplate: { spec: tpl } } },
      'succeed@1m',
      T0 + 10 * 86400_000,
    );
    const svg = renderSimulationSvg(s);
    assert.match(svg, /Calendar/);
    const html = renderSimulationHtml(s, { summary: '<summary>' });
    assert.ok(html.startsWith('<!DOCTYPE html>'));
    assert.ok(html.includes('<svg') && !html.includes('<script'));
    assert.ok(html.includes('&lt;summary&gt;'));
  });
});
