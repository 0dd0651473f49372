#!/usr/bin/env node
// Thin launcher: the CLI is bundled by esbuild into dist/cli.js (`npm run build`).
const path = require('node:path');
const fs = require('node:fs');
const bundle = path.join(__dirname, '..', 'dist', 'cli.js');
if (!fs.existsSync(bundle)) {
  process.stderr.write('kube-jobs: dist/cli.js is missing; run `npm run build` in ' + path.dirname(__dirname) + '\n');
  process.exit(2);
}
const { main } = require(bundle);
Promise.resolve(main(process.argv.slice(2))).then((code) => {
  process.exitCode = code;
});
