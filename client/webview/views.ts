import type {
  ActionView,
  CronJobPanelModel,
  EventView,
  Fact,
  FailureCard,
  FromWebview,
  JobPanelModel,
} from '../src/webviews/contract';
import type { Child } from './dom';
import { h, svg, table } from './dom';
import { healthCard } from './healthSection';

type Post = (m: FromWebview) => void;

export function facts(title: string, list: readonly Fact[]): HTMLElement {
  return h(
    'section',
    { class: 'card' },
    h('h2', {}, title),
    h(
      'dl',
      { class: 'facts' },
      ...list.flatMap((f) => [
        h('dt', {}, f.label),
        h('dd', {}, f.value, f.note ? h('span', { class: 'note' }, ` — ${f.note}`) : null),
      ]),
    ),
  );
}

function actions(list: readonly ActionView[], post: Post): HTMLElement {
  return h(
    'div',
    { class: 'actions', role: 'toolbar' },
    ...list.map((a) =>
      h(
        'span',
        { class: 'action' },
        h(
          'button',
          {
            disabled: !a.enabled,
            title: a.enabled ? a.label : (a.reason ?? ''),
            onClick: () => post({ type: 'action', action: a.id }),
          },
          a.label,
        ),
        !a.enabled && a.reason ? h('span', { class: 'reason' }, a.reason) : null,
      ),
    ),
  );
}

function events(list: readonly EventView[], note?: string): HTMLElement {
  return h(
    'section',
    { class: 'card' },
    h('h2', {}, `Events (${list.length})`),
    note !== undefined
      ? h('p', { class: 'warning events-note' }, note)
      : list.length === 0
        ? h('p', { class: 'muted' }, 'No events (the API server keeps them for one hour by default).')
        : table(
            ['Type', 'Reason', 'Object', 'Message', 'Count', 'Last seen'],
            list.map((e) => [
              h('span', { class: e.type === 'Warning' ? 'warning' : '' }, e.type),
              e.reason,
              e.object,
              e.message,
              String(e.count),
              e.last,
            ]),
          ),
  );
}

function header(kind: string, name: string, namespace: string, context: string, badge: string, headline: string): HTMLElement {
  return h(
    'header',
    {},
    h('h1', {}, h('span', { class: 'kind' }, kind), ' ', name, ' ', h('span', { class: `badge badge-${badge}` }, badge)),
    h('p', { class: 'muted' }, `namespace ${namespace} · context ${context}`),
    h('p', { class: 'headline' }, headline),
  );
}

/** podTimeline draws one bar per pod between its start and end, red for failed pods. */
function podTimeline(model: JobPanelModel): Child {
  const pods = model.pods.filter((p) => p.startOffsetMs !== undefined);
  if (pods.length === 0) return null;
  const width = 600;
  const row = 18;
  const span = Math.max(1, model.timelineSpanMs);
  const x = (ms: number): number => Math.max(0, Math.min(width, (ms / span) * width));
  return h(
    'figure',
    { class: 'timeline' },
    svg(
      'svg',
      { viewBox: `0 0 ${width + 200} ${pods.length * row + 4}`, width: '100%', role: 'img', 'aria-label': 'Pod timeline' },
      ...pods.map((p, i) => {
        const x0 = x(p.startOffsetMs ?? 0);
        const x1 = Math.max(x0 + 2, x(p.endOffsetMs ?? p.startOffsetMs ?? 0));
        return svg(
          'g',
          {},
          svg('rect', {
            x: x0,
            y: i * row + 3,
            width: x1 - x0,
            height: row - 6,
            class: p.failed ? 'bar bar-failed' : p.phase === 'Succeeded' ? 'bar bar-ok' : 'bar',
          }),
          svg(
            'text',
            { x: width + 6, y: i * row + row - 5, class: 'bar-label' },
            `${p.name} ${p.phase}${p.outcome ? ` ${p.outcome}` : ''}`,
          ),
        );
      }),
    ),
    h('figcaption', { class: 'muted' }, `Pods over ${Math.round(span / 1000)} s since the Job started`),
  );
}

/** failureCard explains a Job in trouble: why it failed, is failing or is stuck, per container. */
function failureCard(f: FailureCard): HTMLElement {
  return h(
    'section',
    { class: 'card failure', id: 'why-failed' },
    h('h2', {}, `${f.title}: `, f.reason),
    h('p', {}, f.message),
    h('p', { class: 'explain' }, f.explanation),
    ...f.containers.map((c) =>
      h(
        'div',
        { class: 'failing' },
        h(
          'h3',
          {},
          `${c.pod} / ${c.container}`,
          c.exitCode !== undefined ? ` — ${c.lastExit ? 'last exit code' : 'exit code'} ${c.exitCode}` : '',
          c.reason ? ` (${c.reason})` : '',
          c.restarts ? ` · ${c.restarts} restart${c.restarts === 1 ? '' : 's'}` : '',
        ),
        c.message ? h('p', {}, h('strong', {}, `${c.messageLabel ?? 'Message'}: `), c.message) : null,
        c.explanation ? h('p', { class: 'explain' }, c.explanation) : null,
        c.neverRan
          ? h('p', { class: 'muted' }, 'No log: the container has not run yet.')
          : c.lastLines.length > 0
            ? h(
                'div',
                {},
                h(
                  'p',
                  { class: 'muted' },
                  c.linesFromPrevious ? 'Last log lines of the run that exited (kubectl logs --previous):' : 'Last log lines:',
                ),
                h('pre', { class: 'last-lines' }, c.lastLines.join('\n')),
              )
            : h('p', { class: 'muted' }, 'Last log lines: loading or none.'),
      ),
    ),
  );
}

export function renderJob(model: JobPanelModel, post: Post): HTMLElement {
  const root = h(
    'div',
    { class: 'panel' },
    header('Job', model.name, model.namespace, model.context, model.phase, model.headline),
  );
  if (!model.exists) return root;
  if (model.owner) root.appendChild(h('p', {}, 'Created by CronJob ', h('strong', {}, model.owner)));
  root.appendChild(actions(model.actions, post));
  if (model.failure) root.appendChild(failureCard(model.failure));
  root.appendChild(h('div', { class: 'columns' }, facts('Counts', model.counts), facts('Timing', model.timing)));
  root.appendChild(
    h(
      'section',
      { class: 'card' },
      h('h2', {}, 'Conditions'),
      model.conditions.length === 0
        ? h('p', { class: 'muted' }, 'No conditions yet.')
        : table(
            ['Type', 'Status', 'Reason', 'Message', 'Since'],
            model.conditions.map((c) => [c.type, c.status, c.reason, c.message, c.lastTransition]),
          ),
    ),
  );
  root.appendChild(facts('Settings that matter', model.settings));
  root.appendChild(
    h(
      'section',
      { class: 'card' },
      h('h2', {}, `Pods (${model.pods.length})`),
      podTimeline(model),
      table(
        ['Pod', 'Status', 'Restarts', 'Details', 'Node', 'Started'],
        model.pods.map((p) => [
          p.name,
          h('span', { class: p.failed ? 'warning' : '' }, p.phase),
          String(p.restarts),
          p.outcome,
          p.node,
          p.started,
        ]),
      ),
    ),
  );
  root.appendChild(events(model.events, model.eventsNote));
  return root;
}

/** calendar draws the next days as rows with a tick per run (hours across). */
function calendarView(model: CronJobPanelModel): HTMLElement {
  const width = 720;
  const row = 22;
  const label = 90;
  const days = model.calendar;
  return h(
    'section',
    { class: 'card' },
    h('h2', {}, 'Calendar (next 7 days, ', model.timeZone, ')'),
    model.suspended ? h('p', { class: 'muted' }, 'Suspended: the CronJob controller creates no Job until it is resumed.') : null,
    svg(
      'svg',
      {
        viewBox: `0 0 ${label + width + 60} ${days.length * row + 20}`,
        width: '100%',
        role: 'img',
        'aria-label': 'Runs per day',
      },
      ...[0, 6, 12, 18, 24].map((hr) =>
        svg('text', { x: label + (hr / 24) * width, y: 12, class: 'axis' }, `${String(hr).padStart(2, '0')}:00`),
      ),
      ...days.map((d, i) =>
        svg(
          'g',
          {},
          svg('text', { x: 0, y: 16 + i * row + row / 2 + 4, class: 'axis' }, d.label),
          svg('rect', { x: label, y: 16 + i * row + 2, width, height: row - 4, class: 'day' }),
          ...d.runMinutes.map((m) =>
            svg('rect', { x: label + (m / 1440) * width, y: 16 + i * row + 2, width: 2, height: row - 4, class: 'run' }),
          ),
          d.more > 0 ? svg('text', { x: label + width + 4, y: 16 + i * row + row / 2 + 4, class: 'axis' }, `+${d.more}`) : null,
        ),
      ),
    ),
  );
}

export function renderCronJob(model: CronJobPanelModel, post: Post): HTMLElement {
  const root = h(
    'div',
    { class: 'panel' },
    header('CronJob', model.name, model.namespace, model.context, model.suspended ? 'suspended' : 'active', model.headline),
  );
  if (!model.exists) return root;
  root.appendChild(actions(model.actions, post));
  if (model.health) root.appendChild(healthCard(model.health));
  root.appendChild(
    h(
      'div',
      { class: 'columns' },
      h(
        'section',
        { class: 'card' },
        h('h2', {}, 'Schedule'),
        h('p', {}, h('code', {}, model.schedule), ' — ', model.words),
        h('p', { class: 'muted' }, 'Time zone: ', model.timeZone),
        h('h3', {}, 'Next runs'),
        model.nextRuns.length === 0
          ? h('p', { class: 'muted' }, model.suspended ? 'None while suspended.' : 'None.')
          : h('ol', {}, ...model.nextRuns.map((r) => h('li', {}, r))),
      ),
      facts('Status', model.status),
    ),
  );
  root.appendChild(calendarView(model));
  if (model.simulationSvgDataUrl?.startsWith('data:image/svg+xml;base64,') || model.simulationNote) {
    const card = h(
      'section',
      { class: 'card' },
      h('h2', {}, 'Simulation'),
      model.simulationNote ? h('p', { class: 'muted' }, model.simulationNote) : null,
    );
    if (model.simulationSvgDataUrl?.startsWith('data:image/svg+xml;base64,')) {
      const img = h('img', { class: 'timeline-img' });
      img.alt = 'Simulated Jobs and calendar of the coming days';
      img.src = model.simulationSvgDataUrl;
      card.appendChild(img);
    }
    root.appendChild(card);
  }
  root.appendChild(facts('Settings that matter', model.settings));
  root.appendChild(
    h(
      'section',
      { class: 'card' },
      h('h2', {}, `Jobs (${model.jobs.length})`),
      model.jobs.length === 0
        ? h('p', { class: 'muted' }, 'No Jobs (history limits delete old ones).')
        : table(
            ['Job', 'Status', 'Completions', 'Duration', 'Started', ''],
            model.jobs.map((j) => [
              h('a', { class: 'link', title: 'Open this Job', onClick: () => post({ type: 'openJob', name: j.name }) }, j.name),
              j.phase,
              j.completions,
              j.duration,
              j.started,
              j.manual ? h('span', { class: 'badge' }, 'manual') : '',
            ]),
          ),
    ),
  );
  root.appendChild(events(model.events, model.eventsNote));
  return root;
}
