// The ways a person invokes a kube-jobs command — a tree row's right-click menu or inline
// button, the view's title bar, the editor's "More Actions…" menu, the Command Palette — and the
// dialogs, toasts and pickers that follow. Each invocation is found by the title the person
// reads and recorded as `command@menu` (test-results/e2e/menus/<journey>.json), so
// menuCoverage.e2e.test.ts can fail when a `contributes.menus` entry has no journey using it.
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import type { Locator } from 'playwright-core';
import { repoRoot, UI_TIMEOUT_MS } from './workbench';
import type { Workbench } from './workbench';

/**
 * How long a right-click may take to open its menu and focus its row: a deadline (the checks return
 * as soon as both are seen), after which the right-click is made again.
 */
const MENU_TIMEOUT_MS = 5_000;

/** Where journeys record the menu entries they used. */
export const menuRecordDir = path.join(repoRoot, 'test-results', 'e2e', 'menus');

/** The menus a person takes commands from (`view/item/context:inline` is a row's inline button). */
export type MenuId = 'view/item/context' | 'view/item/context:inline' | 'view/title' | 'editor/title' | 'commandPalette';

interface Contributions {
  commands: { command: string; title: string; category?: string }[];
  menus: Record<string, { command: string; when?: string; group?: string }[]>;
}

export function contributions(): Contributions {
  return (JSON.parse(fs.readFileSync(path.join(repoRoot, 'package.json'), 'utf8')) as { contributes: Contributions }).contributes;
}

/** commandOfTitle maps the title a person clicks to the kube-jobs command it runs. */
function commandOfTitle(title: string): string {
  const found = contributions().commands.find((c) => c.title === title);
  if (!found) throw new Error(`no kube-jobs command is titled ${JSON.stringify(title)}`);
  return found.command;
}

/** MenuRecorder writes, per journey, every `command@menu` a step used. */
export class MenuRecorder {
  private readonly used = new Set<string>();
  private readonly file: string;

  constructor(readonly journey: string) {
    this.file = path.join(menuRecordDir, `${journey}.json`);
    fs.rmSync(this.file, { force: true });
  }

  record(title: string, menu: MenuId): void {
    this.used.add(`${commandOfTitle(title)}@${menu}`);
    fs.mkdirSync(menuRecordDir, { recursive: true });
    fs.writeFileSync(this.file, JSON.stringify({ journey: this.journey, used: [...this.used].sort() }, null, 2));
  }
}

/** Person-level interactions that go through a menu, recorded. */
export class Menus {
  readonly recorder: MenuRecorder;

  constructor(
    private readonly wb: Workbench,
    journey: string,
  ) {
    this.recorder = new MenuRecorder(journey);
  }

  /**
   * pickFromOpenMenu chooses `title` in the open menu with the keyboard (arrow keys, Enter), as
   * a keyboard user does. (VS Code ignores a mouse-up in the first 100 ms after a menu renders
   * "to avoid accidental clicks", which a test would have to wait out with a sleep.)
   */
  /** The enabled item `title` of the open menu. */
  private menuItem(title: string): Locator {
    return this.wb.page
      .locator('.monaco-menu .action-item:not(.disabled)', {
        has: this.wb.page.locator('.action-label', { hasText: new RegExp(`^${escape(title)}$`) }),
      })
      .first();
  }

  private async pickFromOpenMenu(title: string): Promise<void> {
    const item = this.menuItem(title);
    await this.wb.expectVisible(item, `the menu item "${title}"`);
    const count = await this.wb.page.locator('.monaco-menu .action-item').count();
    for (let i = 0; i <= count && !(await item.evaluate((el) => el.classList.contains('focused'))); i++) {
      await this.wb.page.keyboard.press('ArrowDown');
    }
    assert.ok(await item.evaluate((el) => el.classList.contains('focused')), `the arrow keys did not reach "${title}"`);
    await this.wb.page.keyboard.press('Enter');
    await item.waitFor({ state: 'detached', timeout: UI_TIMEOUT_MS });
  }

  /** rightClick opens a tree row's context menu and picks `title` (after `meanwhile`, when given, runs with the menu open). */
  async rightClick(row: Locator, title: string, meanwhile?: () => Promise<void>): Promise<void> {
    // The tree re-renders when the cluster changes (a CronJob starts a Job, a pod goes away): between
    // finding the row and the click, another row can move under the pointer, and the menu would act on
    // it; a redraw can also close the menu as it opens. The row a context menu is for takes the focus,
    // so a right-click that opened no menu, the menu of another row, or a menu that closed before its
    // item showed, is made again, as a person would.
    const menu = this.wb.page.locator('.monaco-menu');
    const focusedRow = row.and(this.wb.page.locator('.monaco-list-row.focused'));
    const within = (locator: Locator, state: 'visible' | 'attached'): Promise<boolean> =>
      locator.waitFor({ state, timeout: MENU_TIMEOUT_MS }).then(
        () => true,
        () => false,
      );
    for (let attempt = 1; ; attempt++) {
      await row.waitFor({ state: 'visible', timeout: UI_TIMEOUT_MS });
      await row.click({ button: 'right' });
      const opened = await within(menu.first(), 'visible');
      const ofRow = opened && (await within(focusedRow, 'attached'));
      // A menu can also close as it opens (a redraw of the view or a notification taking the focus).
      if (ofRow && (await within(this.menuItem(title), 'visible'))) break;
      const stillOpen = await menu.first().isVisible();
      const why = !opened
        ? 'no menu opened'
        : !ofRow
          ? "another row's menu opened"
          : stillOpen
            ? `the row's menu has no enabled "${title}"`
            : `the menu closed before "${title}" showed`;
      if (stillOpen) {
        // Closed before the next try, so that only the menu of the row wanted is open to pick from.
        await this.wb.page.keyboard.press('Escape');
        await menu.first().waitFor({ state: 'detached', timeout: UI_TIMEOUT_MS });
      }
      // Said in the run's output, so that a journey that needs its retries shows it.
      console.log(`right-click for "${title}" made again: ${why}`);
      if (attempt === 3) {
        await this.wb.screenshot(`failed-right-click-${title.replace(/\W+/g, '-')}`);
        throw new Error(`three right-clicks for "${title}" did not open a menu with it; the last time ${why}`);
      }
    }
    await meanwhile?.();
    await this.pickFromOpenMenu(title);
    this.recorder.record(title, 'view/item/context');
  }

  /** inline clicks a tree row's inline button (shown on hover) whose tooltip is `title`. */
  async inline(row: Locator, title: string): Promise<void> {
    // Away first, so a tooltip of the row under the pointer does not cover the one wanted.
    await this.wb.page.mouse.move(0, 0);
    await this.wb.page.keyboard.press('Escape');
    await row.hover();
    const button = row.locator(`.actions .action-label[aria-label="${title}"]`);
    await this.wb.expectVisible(button, `the inline "${title}" button`);
    await button.click();
    this.recorder.record(title, 'view/item/context:inline');
  }

  /** viewTitle clicks a title-bar button of the side bar view, or picks it from its "More Actions…" menu. */
  async viewTitle(title: string): Promise<void> {
    const titleBar = this.wb.page.locator('.part.sidebar .composite.title, .part.sidebar .pane-header').first();
    await titleBar.hover();
    const button = this.wb.page.locator(`.part.sidebar .actions-container .action-label[aria-label="${title}"]`).first();
    if (await button.isVisible().catch(() => false)) await button.click();
    else {
      await this.wb.page
        .locator(
          '.part.sidebar .actions-container .action-label[aria-label^="Views and More Actions"], ' +
            '.part.sidebar .actions-container .action-label[aria-label="More Actions..."]',
        )
        .first()
        .click();
      await this.pickFromOpenMenu(title);
    }
    this.recorder.record(title, 'view/title');
  }

  /** editorTitle picks `title` from the active editor's "More Actions…" menu. */
  async editorTitle(title: string): Promise<void> {
    await this.wb.page
      .locator('.editor-group-container.active .editor-actions .action-label[aria-label="More Actions..."]')
      .first()
      .click();
    await this.pickFromOpenMenu(title);
    this.recorder.record(title, 'editor/title');
  }

  /** palette runs a kube-jobs command by its title from the Command Palette (F1). */
  async palette(title: string): Promise<void> {
    const category = contributions().commands.find((c) => c.title === title)?.category;
    await this.wb.runCommand(category ? `${category}: ${title}` : title);
    this.recorder.record(title, 'commandPalette');
  }
}

const escape = (s: string): string => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

/** dialog waits for VS Code's modal dialog and returns its text (message and detail). */
export async function dialogText(wb: Workbench): Promise<string> {
  const box = wb.page.locator('.monaco-dialog-box');
  await wb.expectVisible(box, 'a dialog');
  return box.innerText();
}

/** pressDialogButton clicks a button of the open modal dialog. */
export async function pressDialogButton(wb: Workbench, label: string): Promise<void> {
  const button = wb.page.locator('.monaco-dialog-box .dialog-buttons .monaco-button', {
    hasText: new RegExp(`^${escape(label)}$`),
  });
  await wb.expectVisible(button, `the dialog's ${label} button`);
  await button.click();
  await wb.page.locator('.monaco-dialog-box').waitFor({ state: 'hidden', timeout: UI_TIMEOUT_MS });
}

/** toast is the notification whose text matches (its buttons are `.monaco-button`s inside). */
export function toast(wb: Workbench, text: string | RegExp): Locator {
  return wb.page.locator('.notifications-toasts .notification-toast', { hasText: text }).first();
}
