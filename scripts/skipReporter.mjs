// A node:test reporter that writes one JSON line per skipped or todo test (file, name, reason),
// so the runners can check each skip against the allow-list in scripts/testSkips.mjs.
// Used beside the spec reporter: see nodeTestReporterArgs there.

/** @param {AsyncIterable<{ type: string, data: Record<string, unknown> }>} source */
export default async function* skipReporter(source) {
  for await (const event of source) {
    if (event.type !== 'test:pass' && event.type !== 'test:fail') continue;
    const { name, file, skip, todo } = event.data;
    if (skip === undefined && todo === undefined) continue;
    yield `${JSON.stringify({ file: file ?? null, name, kind: skip !== undefined ? 'skip' : 'todo', reason: skip ?? todo })}\n`;
  }
}
