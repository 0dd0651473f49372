/**
 * A tiny DOM builder for the panels. Children given as strings become text nodes, so data can
 * never turn into markup; there is deliberately no way to set innerHTML here.
 */
export type Child = Node | string | number | null | undefined | false;

export interface Props {
  readonly class?: string;
  readonly title?: string;
  readonly id?: string;
  readonly role?: string;
  readonly ariaLabel?: string;
  readonly disabled?: boolean;
  readonly type?: string;
  readonly value?: string;
  readonly placeholder?: string;
  readonly checked?: boolean;
  /** Groups radio buttons; names form fields for tests and assistive technology. */
  readonly name?: string;
  readonly min?: string;
  readonly step?: string;
  readonly onClick?: (e: MouseEvent) => void;
  readonly onInput?: (e: Event) => void;
  readonly onChange?: (e: Event) => void;
}

export function h<K extends keyof HTMLElementTagNameMap>(
  tag: K,
  props: Props = {},
  ...children: Child[]
): HTMLElementTagNameMap[K] {
  const el = document.createElement(tag);
  if (props.class) el.className = props.class;
  if (props.title) el.title = props.title;
  if (props.id) el.id = props.id;
  if (props.role) el.setAttribute('role', props.role);
  if (props.ariaLabel) el.setAttribute('aria-label', props.ariaLabel);
  if (props.disabled !== undefined && 'disabled' in el) (el as HTMLButtonElement).disabled = props.disabled;
  if (props.type && 'type' in el) (el as HTMLInputElement).type = props.type;
  if (props.value !== undefined && 'value' in el) (el as HTMLInputElement).value = props.value;
  if (props.placeholder && 'placeholder' in el) (el as HTMLInputElement).placeholder = props.placeholder;
  if (props.checked !== undefined && 'checked' in el) (el as HTMLInputElement).checked = props.checked;
  if (props.name) el.setAttribute('name', props.name);
  if (props.min !== undefined) el.setAttribute('min', props.min);
  if (props.step !== undefined) el.setAttribute('step', props.step);
  const onClick = props.onClick;
  if (onClick) el.addEventListener('click', (e) => onClick(e as MouseEvent));
  if (props.onInput) el.addEventListener('input', props.onInput);
  if (props.onChange) el.addEventListener('change', props.onChange);
  append(el, children);
  return el;
}

export function append(el: Node, children: readonly Child[]): void {
  for (const c of children) {
    if (c === null || c === undefined || c === false) continue;
    el.appendChild(typeof c === 'string' || typeof c === 'number' ? document.createTextNode(String(c)) : c);
  }
}

const SVG_NS = 'http://www.w3.org/2000/svg';

/** svg creates an SVG element with numeric/string attributes (never markup). */
export function svg<K extends keyof SVGElementTagNameMap>(
  tag: K,
  attrs: Record<string, string | number> = {},
  ...children: Child[]
): SVGElementTagNameMap[K] {
  const el = document.createElementNS(SVG_NS, tag);
  for (const [k, v] of Object.entries(attrs)) el.setAttribute(k, String(v));
  append(el, children);
  return el;
}

/** table renders rows of cells as a table with a header. */
export function table(headers: readonly string[], rows: readonly (readonly Child[])[], cls = 'grid'): HTMLTableElement {
  return h(
    'table',
    { class: cls },
    h('thead', {}, h('tr', {}, ...headers.map((x) => h('th', {}, x)))),
    h('tbody', {}, ...rows.map((r) => h('tr', {}, ...r.map((c) => h('td', {}, c))))),
  );
}
