// Every entry of package.json `contributes.menus` must be used by a journey from that very menu
// (a right-click menu, an inline button, the view's title bar, the editor's More Actions…, the
// Command Palette): a command tested only with a hand-made argument proves nothing about the
// argument its menu passes. Journeys record what they used (menus.ts); run.mjs runs this file
// after them, and records older than the built extension do not count.
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { describe, it } from 'node:test';
import { contributions, menuRecordDir } from './menus';
import { repoRoot } from './workbench';

/** The menu entries a person can use: every entry, except palette entries that only hide a command (`when: false`). */
function menuEntries(): Set<string> {
  const entries = new Set<string>();
  for (const [menu, items] of Object.entries(contributions().menus)) {
    for (const item of items) {
      if (menu === 'commandPalette' && item.when === 'false') continue;
      const inline = menu === 'view/item/context' && item.group?.startsWith('inline') ? ':inline' : '';
      entries.add(`${item.command}@${menu}${inline}`);
    }
  }
  return entries;
}

describe('menu coverage', () => {
  it('every contributes.menus entry is invoked from its menu by a journey', () => {
    const built = fs.statSync(path.join(repoRoot, 'dist', 'extension.js')).mtimeMs;
    const used = new Map<string, string[]>();
    const files = fs.existsSync(menuRecordDir) ? fs.readdirSync(menuRecordDir).filter((f) => f.endsWith('.json')) : [];
    for (const file of files) {
      const full = path.join(menuRecordDir, file);
      if (fs.statSync(full).mtimeMs < built) continue;
      const record = JSON.parse(fs.readFileSync(full, 'utf8')) as { journey: string; used: string[] };
      for (const entry of record.used) used.set(entry, [...(used.get(entry) ?? []), record.journey]);
    }
    const missing = [...menuEntries()].filter((entry) => !used.has(entry)).sort();
    assert.deepEqual(
      missing,
      [],
      `menu entries no journey used since the last build (run every journey: npm run test:e2e): ${missing.join(', ')}`,
    );
  });
});
