// Test-only extension: code-server has no --extensionTestsPath, so this extension starts the
// in-host mocha suite as soon as the extension host starts (activation event "*"). The runner
// (test/integration/runInCodeServer.mjs) copies this folder into code-server's extensions
// folder and writes config.json next to it:
//   { "suiteIndex": "<abs path of out/test/integration/suite/index.js>",
//     "resultsFile": "<abs path>", "grep"?: "...", "invert"?: true, "env"?: { ... } }
// Without config.json it does nothing.
'use strict';
const fs = require('node:fs');
const path = require('node:path');

/** Last resort when the suite cannot even write its own results (e.g. it failed to load). */
function writeCrash(resultsFile, err) {
  if (fs.existsSync(resultsFile)) return;
  const results = {
    vscodeVersion: '',
    nodeVersion: process.version,
    passes: 0,
    failures: 0,
    pending: 0,
    durationMs: 0,
    tests: [],
    error: err && err.stack ? err.stack : String(err),
  };
  const tmp = `${resultsFile}.${process.pid}.tmp`;
  fs.writeFileSync(tmp, JSON.stringify(results, null, 2));
  fs.renameSync(tmp, resultsFile);
}

async function runSuite(config) {
  try {
    Object.assign(process.env, config.env || {});
    const suite = require(config.suiteIndex);
    await suite.run({ resultsFile: config.resultsFile, grep: config.grep, invert: config.invert === true });
  } catch (err) {
    // Test failures are already in the results file; anything else is recorded here.
    writeCrash(config.resultsFile, err);
  }
}

function activate() {
  const configPath = path.join(__dirname, 'config.json');
  if (!fs.existsSync(configPath)) return;
  const config = JSON.parse(fs.readFileSync(configPath, 'utf8'));
  // Tells the runner the host is up, so a host that never loads fails fast instead of timing out.
  fs.writeFileSync(path.join(path.dirname(config.resultsFile), 'host-started'), `${process.pid}\n`);
  // Do not hold up activation: the suite opens editors and waits for other extensions.
  setTimeout(() => void runSuite(config), 0);
}

function deactivate() {}

module.exports = { activate, deactivate };
