/// <reference lib="dom" />
// The page.evaluate callbacks run in the browser, hence the DOM typings.
import { after, before, describe, it } from 'node:test';
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { pathToFileURL } from 'node:url';
import { build } from 'esbuild';
import type { Browser, Page } from 'playwright-core';
import { panelHtml } from '../../client/src/webviews/html';
import { buildJobPanelModel } from '../../client/src/views/model/jobPanelModel';
import { buildCronJobPanelModel } from '../../client/src/views/model/cronJobPanelModel';
import type { LogLineView, ToWebview } from '../../client/src/webviews/contract';
import { REPO_ROOT } from '../helpers/paths';
import { T0, cronJob, event, iso, job, pod, terminated, waiting } from './fixtures';
import { tempDir } from './helpers';

/**
 * Renders the real panel page (the extension's HTML shell, CSP and bundled webview script) in
 * Debian's Chromium and feeds it hostile cluster data: nothing may run, everything must show
 * as text.
 */
const CHROMIUM = '/usr/bin/chromium';
const ORIGIN = 'https://panel.test';
const NONCE = 'dGVzdG5vbmNldGVzdG5vbmNldGVzdA';

const HOSTILE = {
  podName: '<img src=x onerror="window.__pwned=\'pod\'">',
  eventMessage: '<script>window.__pwned="event"</script>',
  jobName: '"><svg onload="window.__pwned=\'job\'">',
  termination: '</pre><img src=x onerror=alert(1)>',
  logLine: '\x1b[31m<img src=x onerror="window.__pwned=\'log\'">\x1b[0m \x1b]0;<script>alert(2)</script>\x07tail',
  reason: '<b onmouseover=alert(3)>OOMKilled</b>',
};

describe('webview security in a real browser', { skip: !fs.existsSync(CHROMIUM) && `${CHROMIUM} is not installed` }, () => {
  let browser: Browser;
  let page: Page;
  const dialogs: string[] = [];
  const posted: unknown[] = [];

  before(async () => {
    const dir = tempDir('kube-jobs-webview-');
    await build({
      entryPoints: [path.join(REPO_ROOT, 'client/webview/main.ts')],
      bundle: true,
      format: 'iife',
      platform: 'browser',
      target: 'es2022',
      outfile: path.join(dir, 'webview.js'),
      logLevel: 'error',
    });
    const files: Record<string, [string, string]> = {
      '/index.html': [
        panelHtml({
          nonce: NONCE,
          cspSource: ORIGIN,
          scriptUri: `${ORIGIN}/webview.js`,
          styleUri: `${ORIGIN}/panel.css`,
          title: 'Job test',
        }),
        'text/html',
      ],
      '/webview.js': [fs.readFileSync(path.join(dir, 'webview.js'), 'utf8'), 'text/javascript'],
      '/panel.css': [fs.readFileSync(path.join(REPO_ROOT, 'media/panel.css'), 'utf8'), 'text/css'],
    };
    // The same Chromium, flags and all, as the end-to-end journeys and `npm start` (scripts/codeServer.mjs).
    const launcher = (await import(pathToFileURL(path.join(REPO_ROOT, 'scripts', 'codeServer.mjs')).href)) as {
      launchChromium(): Promise<Browser>;
    };
    browser = await launcher.launchChromium();
    page = await browser.newPage();
    await page.route(`${ORIGIN}/**`, async (route) => {
      const file = files[new URL(route.request().url()).pathname];
      if (file) await route.fulfill({ status: 200, body: file[0], contentType: file[1] });
      else await route.fulfill({ status: 404, body: '' });
    });
    page.on('dialog', (d) => {
      dialogs.push(d.message());
      void d.dismiss();
    });
    await page.exposeFunction('__post', (m: unknown) => posted.push(m));
    await page.addInitScript(() => {
      let state: unknown;
      const w = window as unknown as Record<string, unknown>;
      w.acquireVsCodeApi = () => ({
        postMessage: (m: unknown) => (w.__post as (m: unknown) => void)(m),
        getState: () => state,
        setState: (s: unknown) => (state = s),
      });
      w.__violations = [];
      document.addEventListener('securitypolicyviolation', (e) =>
        (w.__violations as string[]).push(`${e.violatedDirective} ${e.blockedURI}`),
      );
    });
    await page.goto(`${ORIGIN}/index.html`);
    await page.waitForFunction(() => document.querySelector('script') !== null);
  });

  after(async () => {
    await browser?.close();
  });

  async function send(message: ToWebview): Promise<void> {
    await page.evaluate((m) => window.postMessage(m, '*'), message as unknown as Record<string, unknown>);
  }

  async function pwned(): Promise<unknown> {
    return page.evaluate(() => (window as unknown as { __pwned?: unknown }).__pwned);
  }

  async function violations(): Promise<string[]> {
    return page.evaluate(() => (window as unknown as { __violations: string[] }).__violations);
  }

  /**
   * Waits two animation frames: the posted model is rendered and painted, and an element the
   * hostile data had created would have run its handlers or, blocked by the CSP, reported a
   * securitypolicyviolation. No fixed sleep.
   */
  async function rendered(): Promise<void> {
    await page.evaluate(
      () => new Promise<void>((resolve) => requestAnimationFrame(() => requestAnimationFrame(() => resolve()))),
    );
  }

  it('says ready, then renders a Job with hostile names, messages and logs as text', async () => {
    assert.deepEqual(posted[0], { type: 'ready' });
    const j = job(HOSTILE.jobName, {
      spec: { backoffLimit: 1 },
      status: {
        failed: 2,
        startTime: iso(T0 - 60_000),
        conditions: [{ type: 'Failed', status: 'True', reason: 'BackoffLimitExceeded', message: HOSTILE.eventMessage }],
      },
    });
    const failing = pod(HOSTILE.podName, HOSTILE.jobName, terminated(137, HOSTILE.reason, HOSTILE.termination));
    const stuck = pod('stuck', HOSTILE.jobName, waiting('ImagePullBackOff', HOSTILE.eventMessage));
    const model = buildJobPanelModel({
      context: '<ctx>',
      namespace: 'demo',
      name: HOSTILE.jobName,
      job: j,
      pods: [failing, stuck],
      events: [event('e', { kind: 'Job', name: HOSTILE.jobName }, HOSTILE.reason, HOSTILE.eventMessage, T0)],
      nowMs: T0,
      lastLines: new Map([[`${HOSTILE.podName}/main`, [HOSTILE.logLine, HOSTILE.termination]]]),
    });
    await send({ type: 'model', model });
    const lines: LogLineView[] = [
      { pod: HOSTILE.podName, container: 'main', timestamp: '2026-11-30T12:00:00.1Z', text: HOSTILE.logLine },
    ];
    await send({ type: 'logLines', lines, reset: true });
    await send({ type: 'logStatus', text: HOSTILE.eventMessage });
    await page.waitForSelector('.log-line');
    await rendered();

    assert.equal(await pwned(), undefined, 'no injected script ran');
    assert.deepEqual(await violations(), [], 'nothing even tried to run (the CSP reported nothing)');
    assert.deepEqual(dialogs, [], 'no alert opened');
    const dom = await page.evaluate(() => ({
      scripts: document.querySelectorAll('script').length,
      imgs: document.querySelectorAll('img').length,
      svgWithOnload: document.querySelectorAll('[onload],[onerror],[onmouseover]').length,
      text: document.body.innerText,
      logLine: document.querySelector('.log-line')?.textContent ?? '',
      logClasses: [...document.querySelectorAll('.log-line span')].map((s) => s.className),
    }));
    assert.equal(dom.scripts, 1, 'only the nonce script');
    assert.equal(dom.imgs, 0, 'no injected <img>');
    assert.equal(dom.svgWithOnload, 0, 'no element carries an event-handler attribute');
    for (const s of [HOSTILE.podName, HOSTILE.eventMessage, HOSTILE.jobName, HOSTILE.termination, HOSTILE.reason]) {
      assert.ok(dom.text.includes(s), `shown as text: ${s}`);
    }
    assert.equal(
      dom.logLine,
      `[${HOSTILE.podName}/main] <img src=x onerror="window.__pwned='log'"> tail`,
      'ANSI escapes stripped, text kept',
    );
    assert.ok(dom.logClasses.includes('ansi-fg-1'), 'SGR red became a class');
  });

  it('renders a CronJob with a hostile schedule and Job names as text', async () => {
    const cj = cronJob(HOSTILE.jobName, { schedule: HOSTILE.eventMessage });
    const model = buildCronJobPanelModel({
      context: 'c',
      namespace: 'demo',
      name: HOSTILE.jobName,
      cronJob: cj,
      jobs: [job(HOSTILE.podName, { owner: HOSTILE.jobName })],
      events: [],
      nowMs: T0,
    });
    await send({ type: 'model', model });
    await page.waitForFunction(() => document.body.innerText.includes('Calendar'));
    await rendered();
    assert.equal(await pwned(), undefined);
    assert.deepEqual(await violations(), []);
    const text = await page.evaluate(() => document.body.innerText);
    assert.ok(text.includes(HOSTILE.eventMessage) && text.includes(HOSTILE.podName));
    await page.click('a.link');
    assert.deepEqual(posted.at(-1), { type: 'openJob', name: HOSTILE.podName });
  });

  it('enforces the CSP: an inline script added to the page does not run and is reported', async () => {
    // An inline script runs as it is appended, or the CSP blocks it and reports a violation:
    // either way this settles without a timer.
    const outcome = await page.evaluate(
      () =>
        new Promise<string>((resolve) => {
          document.addEventListener('securitypolicyviolation', (e) => resolve(`blocked: ${e.violatedDirective}`), { once: true });
          const s = document.createElement('script');
          s.textContent = 'window.__pwned = "inline"';
          document.body.appendChild(s);
          if ((window as unknown as { __pwned?: unknown }).__pwned !== undefined) resolve('ran');
        }),
    );
    assert.match(outcome, /^blocked: script-src/);
    assert.equal(await pwned(), undefined);
  });

  it('shows an engine SVG only as an image (scripts inside it cannot run)', async () => {
    const svgText =
      '<svg xmlns="http://www.w3.org/2000/svg" width="10" height="10" onload="window.parent.__pwned=\'svg\'"><script>window.parent.__pwned="svg2"</script><rect width="10" height="10"/></svg>';
    await send({
      type: 'model',
      model: {
        view: 'simulation',
        title: 'Simulate <x>',
        svgDataUrl: `data:image/svg+xml;base64,${Buffer.from(svgText).toString('base64')}`,
        facts: [],
        events: [{ time: 't', text: HOSTILE.eventMessage }],
      },
    });
    await page.waitForSelector('img.timeline-img');
    // Decoded: the SVG document was loaded, so its onload and script would have run by now if they could.
    const width = await page.$eval('img.timeline-img', async (img) => {
      await (img as HTMLImageElement).decode();
      return (img as HTMLImageElement).naturalWidth;
    });
    assert.equal(width, 10, 'the SVG was loaded and drawn');
    await rendered();
    assert.equal(await pwned(), undefined);
  });
});
