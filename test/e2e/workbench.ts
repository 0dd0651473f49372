// Person-level end-to-end harness: a real VS Code (code-server 4.100.3) with the built
// kube-jobs extension installed, driven through headless Chromium by Playwright the way a
// person uses it (click, type, hover, read), with a screenshot per step in
// test-results/screenshots/<name>/.
//
// A journey file creates one Workbench in `before`, runs its steps as ordered tests and stops
// it in `after` (see openManifest.e2e.test.ts). Add a step as one more `it` calling the
// methods below; add a method here when a step needs a new kind of interaction.
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { pathToFileURL } from 'node:url';
import type { Browser, Frame, Locator, Page } from 'playwright-core';

/** Repository root (compiled harness lives in out/test/e2e/). */
export const repoRoot = path.resolve(__dirname, '../../..');
export const screenshotRoot = path.join(repoRoot, 'test-results', 'screenshots');

/** Default wait for anything the UI does; the workbench is slow on a loaded 2-core machine. */
export const UI_TIMEOUT_MS = 30_000;

interface CodeServer {
  url: string;
  workbenchUrl: string;
  stop(): Promise<void>;
}

/** The shape of scripts/codeServer.mjs (plain JS, shared with `npm start`). */
interface Launcher {
  codeServerDirs(dataDir: string): { userDataDir: string; extensionsDir: string };
  installUnpackedExtension(extensionsDir: string): string;
  installVsix(dataDir: string, vsix: string): string;
  startCodeServer(options: {
    dataDir: string;
    workspace: string;
    trust?: boolean;
    env?: Record<string, string>;
    settings?: Record<string, unknown>;
    log?: (line: string) => void;
  }): Promise<CodeServer>;
  launchChromium(): Promise<Browser>;
  openWorkbench(
    browser: Browser,
    workbenchUrl: string,
    options?: { width?: number; height?: number; timeoutMs?: number },
  ): Promise<Page>;
}

async function launcher(): Promise<Launcher> {
  return (await import(pathToFileURL(path.join(repoRoot, 'scripts', 'codeServer.mjs')).href)) as Launcher;
}

export interface WorkbenchOptions {
  /** Screenshot folder name under test-results/screenshots/. */
  name: string;
  /** Folder copied to a temporary workspace (default: examples/). */
  workspace?: string;
  /** Keep workspace trust on (the copied workspace is then untrusted: restricted mode). */
  trust?: boolean;
  /** Extra environment for code-server and so the extension host (e.g. KUBECONFIG). */
  env?: Record<string, string>;
  /** Extra VS Code user settings. */
  settings?: Record<string, unknown>;
  /** Install this VSIX instead of the built extension folder (env KUBE_JOBS_E2E_VSIX also works). */
  vsix?: string;
}

export class Workbench {
  private step = 0;

  private constructor(
    readonly page: Page,
    /** Absolute path of the temporary workspace copy the workbench has open. */
    readonly workspace: string,
    private readonly name: string,
    private readonly browser: Browser,
    private readonly server: CodeServer,
    private readonly tmp: string,
    private readonly log: string[],
  ) {}

  /** Starts code-server with the extension on a fresh copy of the workspace and opens the workbench. */
  static async start(options: WorkbenchOptions): Promise<Workbench> {
    const cs = await launcher();
    const tmp = fs.mkdtempSync(path.join(os.tmpdir(), `kube-jobs-e2e-${options.name}-`));
    // Also removed on Ctrl-C, when stop() never runs.
    process.on('exit', () => fs.rmSync(tmp, { recursive: true, force: true }));
    const workspace = path.join(tmp, 'workspace');
    fs.cpSync(options.workspace ?? path.join(repoRoot, 'examples'), workspace, { recursive: true });
    const dataDir = path.join(tmp, 'data');
    const vsix = options.vsix ?? process.env.KUBE_JOBS_E2E_VSIX;
    if (vsix) cs.installVsix(dataDir, vsix);
    else cs.installUnpackedExtension(cs.codeServerDirs(dataDir).extensionsDir);
    const log: string[] = [];
    const server = await cs.startCodeServer({
      dataDir,
      workspace,
      trust: options.trust ?? false,
      env: options.env ?? {},
      settings: options.settings ?? {},
      log: (l) => log.push(l),
    });
    let browser: Browser | undefined;
    try {
      browser = await cs.launchChromium();
      const page = await cs.openWorkbench(browser, server.workbenchUrl, { timeoutMs: 120_000 });
      fs.rmSync(path.join(screenshotRoot, options.name), { recursive: true, force: true });
      return new Workbench(page, workspace, options.name, browser, server, tmp, log);
    } catch (err) {
      await browser?.close().catch(() => {});
      await server.stop();
      throw err;
    }
  }

  /** Saves a numbered screenshot of the whole workbench; returns its path. */
  async screenshot(label: string): Promise<string> {
    this.step++;
    const file = path.join(
      screenshotRoot,
      this.name,
      `${String(this.step).padStart(2, '0')}-${label.replace(/[^a-z0-9]+/gi, '-').toLowerCase()}.png`,
    );
    fs.mkdirSync(path.dirname(file), { recursive: true });
    await this.page.screenshot({ path: file });
    return file;
  }

  /** The explorer row of a file or folder (path relative to the workspace root, '/' separated). */
  explorerItem(name: string): Locator {
    return this.page.locator('.explorer-folders-view').getByRole('treeitem', { name: path.posix.basename(name), exact: true });
  }

  /** Shows the Explorer view (Ctrl+Shift+E focuses it). */
  async showExplorer(): Promise<void> {
    const view = this.page.locator('.explorer-folders-view');
    if (!(await view.isVisible())) {
      await this.page
        .locator('.activitybar')
        .getByRole('tab', { name: /^Explorer/ })
        .click();
    }
    await view.waitFor({ state: 'visible', timeout: UI_TIMEOUT_MS });
  }

  /** Shows the Kube Jobs view (its activity bar tab toggles the side bar, so it is clicked only when the view is not showing). */
  async showKubeJobsView(): Promise<void> {
    const view = this.page.locator('.part.sidebar .composite.title', { hasText: /KUBE JOBS/i });
    if (!(await view.isVisible())) {
      await this.page
        .locator('.activitybar')
        .getByRole('tab', { name: /Kube Jobs/ })
        .click();
    }
    await view.waitFor({ state: 'visible', timeout: UI_TIMEOUT_MS });
  }
  /** openLocalRuns shows the Kube Jobs view with its "Local runs" root expanded. */
  async openLocalRuns(): Promise<void> {
    await this.showKubeJobsView();
    const root = this.page.locator('.monaco-list-row', { hasText: 'Local runs' }).first();
    await this.expectVisible(root, 'the Local runs root');
    if ((await root.getAttribute('aria-expanded')) !== 'true') await root.click();
  }

  /** Opens a top-level workspace file by clicking it in the Explorer; waits for its editor tab. */
  async openFromExplorer(fileName: string): Promise<void> {
    await this.showExplorer();
    await this.explorerItem(fileName).click();
    await this.editorTab(fileName).waitFor({ state: 'visible', timeout: UI_TIMEOUT_MS });
    await this.activeEditor().locator('.view-lines').waitFor({ state: 'visible', timeout: UI_TIMEOUT_MS });
  }

  /** Opens any workspace file through Quick Open (Ctrl+P), as a keyboard user would. */
  async quickOpen(relativePath: string): Promise<void> {
    await this.page.keyboard.press('Control+P');
    const input = this.page.locator('.quick-input-widget input');
    await input.waitFor({ state: 'visible', timeout: UI_TIMEOUT_MS });
    await input.fill(relativePath);
    await this.page.locator('.quick-input-widget .monaco-list-row').first().waitFor({ timeout: UI_TIMEOUT_MS });
    await this.page.keyboard.press('Enter');
    await this.editorTab(path.posix.basename(relativePath)).waitFor({ state: 'visible', timeout: UI_TIMEOUT_MS });
  }

  /** Runs a command by its title from the Command Palette (F1). */
  async runCommand(title: string): Promise<void> {
    await this.page.keyboard.press('F1');
    const input = this.page.locator('.quick-input-widget input');
    await input.waitFor({ state: 'visible', timeout: UI_TIMEOUT_MS });
    await input.fill(`>${title}`);
    await this.page
      .locator('.quick-input-widget .monaco-list-row', { hasText: title })
      .first()
      .waitFor({ timeout: UI_TIMEOUT_MS });
    await this.page.keyboard.press('Enter');
  }

  /** The editor tab of a file (active or not). */
  editorTab(fileName: string): Locator {
    return this.page
      .locator('.tabs-container')
      .getByRole('tab', { name: new RegExp(`^${fileName.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}\\b`) });
  }

  /** The editor that has focus or was used last. */
  activeEditor(): Locator {
    return this.page.locator('.editor-group-container.active .monaco-editor').first();
  }

  /** The visible text of the active editor (Monaco renders only the lines in view). */
  async editorText(): Promise<string> {
    return (await this.activeEditor().locator('.view-lines').innerText()).replace(/\u00a0/g, ' ');
  }

  /** A status bar entry by its id, e.g. 'status.editor.mode' (language) or 'status.problems'. */
  statusBarItem(id: string): Locator {
    return this.page.locator(`.statusbar-item[id="${id}"]`);
  }

  /**
   * Moves the mouse over the first occurrence of `text` in the active editor and returns the
   * hover's text once VS Code shows it.
   */
  async hover(text: string): Promise<string> {
    const token = this.activeEditor().locator('.view-line span', { hasText: text }).first();
    await token.waitFor({ state: 'visible', timeout: UI_TIMEOUT_MS });
    await token.hover();
    const widget = this.page
      .locator('.monaco-hover:not(.hidden) .monaco-hover-content, .monaco-hover:not(.hidden) .hover-contents')
      .first();
    await widget.waitFor({ state: 'visible', timeout: UI_TIMEOUT_MS });
    return widget.innerText();
  }

  /**
   * Puts the cursor on the first occurrence of `text` and asks for the hover with the keyboard
   * (Ctrl+K Ctrl+I, "Show or Focus Hover"); returns the hover's text once it shows `showing`.
   * Unlike a mouse hover it cannot be lost to a pointer that did not move.
   */
  async hoverWithKeyboard(text: string, showing: RegExp): Promise<string> {
    // A leaf span (one token), not the whole line's span, whose middle may be an inlay hint.
    const token = this.activeEditor().locator('.view-line span:not(:has(span))', { hasText: text }).first();
    await token.waitFor({ state: 'visible', timeout: UI_TIMEOUT_MS });
    await token.click();
    await this.page.keyboard.press('Control+K');
    await this.page.keyboard.press('Control+I');
    // Diagnostics and the language server's hover arrive as separate parts of one widget that is
    // redrawn as they come: read its text in the same instant it matches.
    const found = await this.page
      .waitForFunction(
        ([source, flags]) =>
          [...document.querySelectorAll<HTMLElement>('.monaco-hover:not(.hidden)')]
            .map((e) => e.innerText)
            .find((t) => new RegExp(source as string, flags as string).test(t)),
        [showing.source, showing.flags] as const,
        { timeout: UI_TIMEOUT_MS },
      )
      .catch(async (error: unknown) => {
        await this.screenshot(`failed-hover-${text}`);
        throw error;
      });
    return (await found.jsonValue()) as string;
  }

  /** The squiggles (error/warning decorations) currently drawn in the active editor. */
  squiggles(): Locator {
    return this.activeEditor().locator('.squiggly-error, .squiggly-warning, .squiggly-info');
  }

  /** Opens the Problems panel and returns each problem row's text. */
  async problems(): Promise<string[]> {
    await this.runCommand('View: Focus Problems');
    const panel = this.page.locator('.markers-panel');
    await panel.waitFor({ state: 'visible', timeout: UI_TIMEOUT_MS });
    return panel.locator('.monaco-list-row').allInnerTexts();
  }

  /**
   * The frame of a webview panel that shows `selector` (webviews are nested iframes, created
   * when the panel opens, so the frames are checked again until one matches).
   */
  async webviewFrame(selector: string, what = selector): Promise<Frame> {
    const deadline = Date.now() + UI_TIMEOUT_MS;
    for (;;) {
      for (const frame of this.page.frames()) {
        if (
          await frame
            .locator(selector)
            .first()
            .isVisible()
            .catch(() => false)
        ) {
          return frame;
        }
      }
      if (Date.now() > deadline) {
        await this.screenshot(`failed-${what}`);
        assert.fail(`no webview showed ${what} within ${UI_TIMEOUT_MS / 1000} s`);
      }
      await this.page.waitForTimeout(200);
    }
  }

  /** The row of a tree in the side bar (e.g. the Kube Jobs view) by its label, at a depth (1 = top). */
  sideBarTreeRow(label: string | RegExp, level: number): Locator {
    return this.page.locator(`.part.sidebar .monaco-list-row[aria-level="${level}"]`, { hasText: label });
  }

  /** Expands a side-bar tree row with its twistie (a click on the label would run the row's command). */
  async expandTreeRow(row: Locator): Promise<void> {
    await row.waitFor({ state: 'visible', timeout: UI_TIMEOUT_MS });
    if ((await row.getAttribute('aria-expanded')) !== 'true') await row.locator('.monaco-tl-twistie').click();
    // A locator, not an element handle: the tree may redraw the row (a new DOM node) while it opens.
    await row.and(this.page.locator('[aria-expanded="true"]')).first().waitFor({ state: 'visible', timeout: UI_TIMEOUT_MS });
  }

  /** Drags the side bar's edge so it is `width` pixels wide (long tree rows stay readable in screenshots). */
  async widenSideBar(width: number): Promise<void> {
    const box = await this.page.locator('.part.sidebar').boundingBox();
    if (!box) throw new Error('no side bar');
    const y = box.y + box.height / 2;
    await this.page.mouse.move(box.x + box.width - 1, y);
    await this.page.mouse.down();
    await this.page.mouse.move(box.x + width, y, { steps: 8 });
    await this.page.mouse.up();
  }

  /** Types into the open quick input (input box or quick pick) and accepts with Enter. */
  async answerQuickInput(text: string): Promise<void> {
    const input = this.page.locator('.quick-input-widget input');
    await input.waitFor({ state: 'visible', timeout: UI_TIMEOUT_MS });
    await input.fill(text);
    await this.page.keyboard.press('Enter');
    await this.page.locator('.quick-input-widget').waitFor({ state: 'hidden', timeout: UI_TIMEOUT_MS });
  }

  /** Picks the row of the open quick pick whose label matches `label`. */
  async pickQuickItem(label: string | RegExp): Promise<void> {
    const item = this.page.locator('.quick-input-widget .monaco-list-row', { hasText: label }).first();
    await this.expectVisible(item, `the quick pick item ${String(label)}`);
    await item.click();
    await this.page.locator('.quick-input-widget').waitFor({ state: 'hidden', timeout: UI_TIMEOUT_MS });
  }

  /**
   * Chooses a row of an open list widget (quick fix menu, suggest widget) with the arrow keys
   * and Enter, as a keyboard user does; such widgets ignore clicks that come too soon after they open.
   */
  async chooseWithKeyboard(item: Locator, what: string): Promise<void> {
    await this.expectVisible(item, what);
    const focused = (): Promise<boolean> => item.evaluate((el) => el.classList.contains('focused'));
    for (let i = 0; i < 50 && !(await focused()); i++) await this.page.keyboard.press('ArrowDown');
    assert.ok(await focused(), `the arrow keys did not reach ${what}`);
    await this.page.keyboard.press('Enter');
  }

  /** Asserts, with a readable message, that a locator becomes visible. */
  async expectVisible(locator: Locator, what: string): Promise<void> {
    try {
      await locator.waitFor({ state: 'visible', timeout: UI_TIMEOUT_MS });
    } catch {
      await this.screenshot(`failed-${what}`);
      assert.fail(`${what} did not become visible within ${UI_TIMEOUT_MS / 1000} s`);
    }
  }

  /** Closes Chromium and code-server; keeps the code-server log in test-results/e2e/. */
  async stop(): Promise<void> {
    await this.browser.close().catch(() => {});
    await this.server.stop();
    const logDir = path.join(repoRoot, 'test-results', 'e2e');
    fs.mkdirSync(logDir, { recursive: true });
    fs.writeFileSync(path.join(logDir, `code-server-${this.name}.log`), this.log.join('\n'));
    fs.rmSync(this.tmp, { recursive: true, force: true });
  }
}
