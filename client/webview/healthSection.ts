/**
 * The CronJob panel's Health section: the status in one line, the last schedule, last success
 * and next run, then each finding with its evidence and what to do. Data arrive by
 * postMessage and become text nodes only (dom.ts).
 */
import type { HealthSectionView } from '../src/webviews/contract';
import { h } from './dom';

const MARK = { error: '✗', warning: '⚠', info: 'ℹ' } as const;

export function healthCard(health: HealthSectionView): HTMLElement {
  return h(
    'section',
    { class: `card health health-${health.status}`, id: 'health', ariaLabel: 'Health' },
    h('h2', {}, 'Health ', h('span', { class: `badge badge-health-${health.status}` }, health.status)),
    h('p', { class: 'health-summary' }, health.summary),
    h('dl', { class: 'facts' }, ...health.facts.flatMap((f) => [h('dt', {}, f.label), h('dd', {}, f.value)])),
    health.findings.length === 0
      ? null
      : h(
          'ul',
          { class: 'health-findings' },
          ...health.findings.map((f) =>
            h(
              'li',
              { class: `health-finding severity-${f.severity}` },
              h('strong', {}, `${MARK[f.severity]} ${f.title}`),
              h('span', { class: 'reason' }, ` ${f.rule}`),
              h('p', {}, f.message),
              f.fix ? h('p', { class: 'muted' }, 'What to do: ', f.fix) : null,
            ),
          ),
        ),
  );
}
