/**
 * Browser side of the kube-jobs panels. Receives models by postMessage and renders them with
 * DOM text APIs only (see dom.ts); persists UI state with getState/setState.
 */
import type { FromWebview, LogOptions, PanelModel, PersistedState, ToWebview } from '../src/webviews/contract';
import { LogView } from './logView';
import { renderCronJob, renderJob } from './views';
import { renderSimulation } from './simulationView';

interface VsCodeApi {
  postMessage(message: FromWebview): void;
  getState(): PersistedState | undefined;
  setState(state: PersistedState): void;
}
declare function acquireVsCodeApi(): VsCodeApi;

const api = acquireVsCodeApi();
let state: PersistedState = api.getState() ?? {};
const app = document.getElementById('app') as HTMLElement;
let logView: LogView | undefined;
let content: HTMLElement | undefined;

function saveState(patch: Partial<PersistedState>): void {
  state = { ...state, ...patch };
  api.setState(state);
}

function post(m: FromWebview): void {
  api.postMessage(m);
}

function ensureLogView(): LogView {
  if (!logView) {
    const options: LogOptions = {
      follow: state.follow ?? true,
      timestamps: state.timestamps ?? false,
      previous: state.previous ?? false,
    };
    logView = new LogView(
      { search: state.search ?? '', options },
      (o) => {
        saveState({ follow: o.follow, timestamps: o.timestamps, previous: o.previous });
        post({ type: 'logOptions', options: o });
      },
      (s) => saveState({ search: s }),
      (text) => post({ type: 'saveLogs', text }),
    );
  }
  return logView;
}

function render(model: PanelModel): void {
  // Keep the scroll position: models arrive on every watch event.
  const scroll = window.scrollY;
  const next =
    model.view === 'job'
      ? renderJob(model, post)
      : model.view === 'cronJob'
        ? renderCronJob(model, post)
        : renderSimulation(model, post);
  if (content) content.replaceWith(next);
  else app.replaceChildren(next);
  content = next;
  if (model.view !== 'simulation') saveState({ ref: { view: model.view, namespace: model.namespace, name: model.name } });
  if (model.view === 'job' && model.exists) {
    const logs = ensureLogView();
    if (!logs.element.isConnected) app.appendChild(logs.element);
  }
  window.scrollTo(0, scroll);
}

window.addEventListener('message', (event: MessageEvent<ToWebview>) => {
  const m = event.data;
  if (!m || typeof m !== 'object') return;
  switch (m.type) {
    case 'model':
      render(m.model);
      break;
    case 'logLines':
      ensureLogView().add(m.lines, m.reset === true);
      break;
    case 'logStatus':
      ensureLogView().setStatus(m.text);
      break;
    case 'logOptions': {
      // The page's saved choices win over the extension's defaults.
      const saved =
        state.follow !== undefined
          ? { follow: state.follow, timestamps: state.timestamps ?? false, previous: state.previous ?? false }
          : m.options;
      ensureLogView().setOptions(saved);
      if (state.follow !== undefined && (saved.follow !== m.options.follow || saved.previous !== m.options.previous)) {
        post({ type: 'logOptions', options: saved });
      }
      break;
    }
  }
});

post({ type: 'ready' });
