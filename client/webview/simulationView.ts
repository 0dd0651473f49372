/**
 * The simulation panel: the engine's timeline picture and events, and the controls a person
 * re-runs it with — the window (start, length), the pods' outcomes (every pod succeeds,
 * scripted outcomes per pod or per index with exit codes, or the seeded random model) — the
 * same choices as `kube-jobs simulate --start --for --pods --seed --failure-rate --durations`.
 */
import type { FromWebview, PodOutcomeRow, SimulationControls, SimulationPanelModel } from '../src/webviews/contract';
import { append, h, table } from './dom';
import { facts } from './views';

type Post = (m: FromWebview) => void;

const numberOr = (text: string, fallback: number | undefined): number | undefined =>
  text.trim() === '' ? fallback : Number(text);

/** numberField is a labelled number input that writes into the controls being edited. */
function numberField(
  label: string,
  name: string,
  value: number | undefined,
  set: (n: number | undefined) => void,
  placeholder?: string,
): HTMLElement {
  return h(
    'label',
    { class: 'field' },
    `${label} `,
    h('input', {
      type: 'number',
      name,
      class: 'input narrow',
      value: value === undefined ? '' : String(value),
      step: 'any',
      ariaLabel: label,
      ...(placeholder ? { placeholder } : {}),
      onInput: (e) => set(numberOr((e.target as HTMLInputElement).value, undefined)),
    }),
  );
}

function outcomeRows(c: { rows: PodOutcomeRow[] }, redraw: () => void): HTMLElement {
  const setRow = (i: number, patch: Partial<PodOutcomeRow>): void => {
    const row = { ...(c.rows[i] as PodOutcomeRow), ...patch };
    c.rows[i] = row;
  };
  const rows = c.rows.map((r, i) => [
    h('input', {
      type: 'number',
      name: `row-${i}-index`,
      class: 'input narrow',
      value: r.index === undefined ? '' : String(r.index),
      placeholder: 'any',
      ariaLabel: `Row ${i + 1} index`,
      onInput: (e) => setRow(i, { index: numberOr((e.target as HTMLInputElement).value, undefined) }),
    }),
    outcomeSelect(r.outcome, i, (o) => {
      setRow(i, { outcome: o, ...(o === 'fail' ? { exitCode: r.exitCode ?? 1 } : {}) });
      redraw();
    }),
    h('input', {
      type: 'number',
      name: `row-${i}-seconds`,
      class: 'input narrow',
      value: String(r.afterSeconds),
      min: '0',
      ariaLabel: `Row ${i + 1} seconds`,
      onInput: (e) => setRow(i, { afterSeconds: Number((e.target as HTMLInputElement).value) }),
    }),
    r.outcome === 'fail'
      ? h('input', {
          type: 'number',
          name: `row-${i}-exit`,
          class: 'input narrow',
          value: String(r.exitCode ?? 1),
          min: '1',
          ariaLabel: `Row ${i + 1} exit code`,
          onInput: (e) => setRow(i, { exitCode: Number((e.target as HTMLInputElement).value) }),
        })
      : h('span', { class: 'muted' }, '—'),
    h(
      'button',
      {
        class: 'secondary',
        title: 'Remove this row',
        ariaLabel: `Remove row ${i + 1}`,
        onClick: () => {
          c.rows.splice(i, 1);
          redraw();
        },
      },
      '×',
    ),
  ]);
  return h(
    'div',
    {},
    table(['Index', 'Outcome', 'After (s)', 'Exit code', ''], rows),
    h(
      'button',
      {
        class: 'secondary',
        onClick: () => {
          c.rows.push({ outcome: 'succeed', afterSeconds: 10 });
          redraw();
        },
      },
      '+ Add row',
    ),
    h(
      'p',
      { class: 'muted' },
      'Rows apply to pods in the order the Job creates them; the last row repeats. An index makes a row apply to that ' +
        'completion index only (Indexed Jobs).',
    ),
  );
}

function outcomeSelect(value: 'succeed' | 'fail', i: number, set: (o: 'succeed' | 'fail') => void): HTMLElement {
  const select = h(
    'select',
    {
      name: `row-${i}-outcome`,
      class: 'input',
      ariaLabel: `Row ${i + 1} outcome`,
      onChange: (e) => set((e.target as HTMLSelectElement).value === 'fail' ? 'fail' : 'succeed'),
    },
    h('option', { value: 'succeed' }, 'succeeds'),
    h('option', { value: 'fail' }, 'fails'),
  );
  select.value = value;
  return select;
}

function choice(
  c: { pods: SimulationControls['pods'] },
  value: SimulationControls['pods'],
  label: string,
  redraw: () => void,
): HTMLElement {
  return h(
    'label',
    { class: 'choice' },
    h('input', {
      type: 'radio',
      name: 'pods',
      value,
      checked: c.pods === value,
      onChange: () => {
        c.pods = value;
        redraw();
      },
    }),
    ` ${label}`,
  );
}

/** controlsForm edits a copy of the controls and posts it when the person runs the simulation. */
function controlsForm(model: SimulationPanelModel, initial: SimulationControls, post: Post): HTMLElement {
  const c = { ...initial, rows: initial.rows.map((r) => ({ ...r })), random: { ...initial.random } };
  const holder = h('section', { class: 'card controls', id: 'simulation-controls' });
  const draw = (): void => {
    const unit = h(
      'select',
      {
        name: 'for-unit',
        class: 'input',
        ariaLabel: 'Unit',
        onChange: (e) => {
          c.forUnit = (e.target as HTMLSelectElement).value as SimulationControls['forUnit'];
        },
      },
      h('option', { value: 'minutes' }, 'minutes'),
      h('option', { value: 'hours' }, 'hours'),
      h('option', { value: 'days' }, 'days'),
    );
    unit.value = c.forUnit;
    holder.replaceChildren();
    append(holder, [
      h('h2', {}, 'Window'),
      h(
        'div',
        { class: 'row' },
        h(
          'label',
          { class: 'field' },
          'Start (UTC) ',
          h('input', {
            type: 'datetime-local',
            name: 'start',
            class: 'input',
            value: c.start,
            ariaLabel: 'Start (UTC)',
            onInput: (e) => {
              c.start = (e.target as HTMLInputElement).value;
            },
          }),
        ),
        h(
          'button',
          {
            class: 'secondary',
            title: 'Start the window now',
            onClick: () => {
              c.start = new Date(Math.floor(Date.now() / 60_000) * 60_000).toISOString().slice(0, 16);
              draw();
            },
          },
          'Now',
        ),
        numberField(
          'For',
          'for',
          c.forAmount,
          (n) => {
            c.forAmount = n;
          },
          'to the end',
        ),
        unit,
      ),
      model.windowNote ? h('p', { class: 'muted' }, model.windowNote) : null,
      h('h2', {}, 'Pods'),
      choice(c, 'default', 'Every pod succeeds after 10 s', draw),
      choice(c, 'scripted', 'Outcomes I choose, pod by pod', draw),
      c.pods === 'scripted' ? outcomeRows(c, draw) : null,
      choice(c, 'random', 'Random outcomes', draw),
      c.pods === 'random'
        ? h(
            'div',
            { class: 'row' },
            numberField('Failure rate (%)', 'failure-percent', c.random.failurePercent, (n) => {
              c.random.failurePercent = n ?? 0;
            }),
            numberField('Shortest run (s)', 'min-seconds', c.random.minSeconds, (n) => {
              c.random.minSeconds = n ?? 0;
            }),
            numberField('Longest run (s)', 'max-seconds', c.random.maxSeconds, (n) => {
              c.random.maxSeconds = n ?? 0;
            }),
            numberField('Seed', 'seed', c.random.seed, (n) => {
              c.random.seed = n ?? 1;
            }),
            h(
              'button',
              {
                class: 'secondary',
                title: 'Another random draw',
                onClick: () => {
                  c.random.seed = Math.floor(Math.random() * 1_000_000);
                  draw();
                },
              },
              'New seed',
            ),
          )
        : null,
      h(
        'div',
        { class: 'actions' },
        h(
          'button',
          {
            id: 'run-simulation',
            onClick: () => post({ type: 'simulate', controls: { ...c, rows: [...c.rows], random: { ...c.random } } }),
          },
          'Run simulation',
        ),
      ),
    ]);
  };
  draw();
  return holder;
}

export function renderSimulation(model: SimulationPanelModel, post: Post): HTMLElement {
  const root = h(
    'div',
    { class: 'panel' },
    h(
      'header',
      {},
      h('h1', {}, model.title),
      model.summary ? h('p', { class: 'headline', id: 'simulation-summary' }, model.summary) : null,
    ),
  );
  if (model.error) root.appendChild(h('p', { class: 'error', id: 'simulation-error' }, model.error));
  if (model.controls) root.appendChild(controlsForm(model, model.controls, post));
  if (model.svgDataUrl && model.svgDataUrl.startsWith('data:image/svg+xml;base64,')) {
    const img = h('img', { class: 'timeline-img' });
    img.alt = 'Simulation timeline';
    img.src = model.svgDataUrl;
    root.appendChild(h('section', { class: 'card' }, h('h2', {}, 'Timeline'), img));
  }
  root.appendChild(facts('Run', model.facts));
  if (model.command) {
    root.appendChild(
      h(
        'section',
        { class: 'card' },
        h('h2', {}, 'From a terminal'),
        h('pre', { class: 'last-lines', id: 'simulation-command' }, model.command),
      ),
    );
  }
  if (model.events.length > 0) {
    root.appendChild(
      h(
        'section',
        { class: 'card' },
        h('h2', {}, 'Events'),
        table(
          ['Time', 'Event'],
          model.events.map((e) => [e.time, e.text]),
        ),
      ),
    );
  }
  return root;
}
