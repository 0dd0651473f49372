// Bundles the extension, the language server, the CLI and the webview from one script.
// tsc only type-checks and emits out/ for tests; these bundles are what ships.
import * as esbuild from 'esbuild';

const production = process.argv.includes('--production');
const watch = process.argv.includes('--watch');

const common = {
  bundle: true,
  sourcemap: !production,
  minify: production,
  logLevel: 'warning',
  legalComments: 'none',
};

// The extension (and `kube-jobs health`) load @kubernetes/client-node's KubeConfig lazily from
// its own bundle (dist/kubernetes-client.js), so activation and the other commands do not parse it.
const lazyKubernetesClient = {
  name: 'lazy-kubernetes-client',
  setup(build) {
    build.onResolve({ filter: /^@kubernetes\/client-node\/dist\/config\.js$/ }, () => ({
      path: './kubernetes-client.js',
      external: true,
    }));
  },
};

// The extension's activation shell (dist/extension.js) stays small: its main module and the
// language client are separate bundles it loads after activate() returns.
const lazyExtensionParts = {
  name: 'lazy-extension-parts',
  setup(build) {
    build.onResolve({ filter: /^\.\/main$/ }, (args) =>
      args.importer.endsWith('extension.ts') ? { path: './main.js', external: true } : undefined,
    );
    build.onResolve({ filter: /^vscode-languageclient\/node$/ }, () => ({ path: './languageclient.js', external: true }));
  },
};

const builds = [
  {
    ...common,
    entryPoints: ['client/src/extension.ts'],
    outfile: 'dist/extension.js',
    platform: 'node',
    format: 'cjs',
    target: 'node20',
    external: ['vscode'],
    plugins: [lazyExtensionParts, lazyKubernetesClient],
  },
  {
    ...common,
    entryPoints: ['client/src/main.ts'],
    outfile: 'dist/main.js',
    platform: 'node',
    format: 'cjs',
    target: 'node20',
    external: ['vscode'],
    plugins: [lazyKubernetesClient],
  },
  {
    ...common,
    stdin: { contents: "export * from 'vscode-languageclient/node';", resolveDir: '.', sourcefile: 'languageclient.js' },
    outfile: 'dist/languageclient.js',
    platform: 'node',
    format: 'cjs',
    target: 'node20',
    external: ['vscode'],
  },
  {
    ...common,
    stdin: {
      contents: "export { KubeConfig } from '@kubernetes/client-node/dist/config.js';",
      resolveDir: '.',
      sourcefile: 'kubernetes-client.js',
    },
    outfile: 'dist/kubernetes-client.js',
    platform: 'node',
    format: 'cjs',
    target: 'node20',
  },
  {
    ...common,
    entryPoints: ['server/src/server.ts'],
    outfile: 'dist/server.js',
    platform: 'node',
    format: 'cjs',
    target: 'node20',
  },
  {
    // The launcher the extension starts: runs dist/server.js with V8's code cache (startWithCodeCache.ts).
    ...common,
    entryPoints: ['server/src/startWithCodeCache.ts'],
    outfile: 'dist/startServer.js',
    platform: 'node',
    format: 'cjs',
    target: 'node20',
  },
  {
    ...common,
    entryPoints: ['cli/main.ts'],
    outfile: 'dist/cli.js',
    platform: 'node',
    format: 'cjs',
    target: 'node20',
    plugins: [lazyKubernetesClient],
  },
  {
    ...common,
    entryPoints: ['client/webview/main.ts'],
    outfile: 'dist/webview.js',
    platform: 'browser',
    format: 'iife',
    target: 'es2022',
  },
];

if (watch) {
  const contexts = await Promise.all(builds.map((b) => esbuild.context(b)));
  await Promise.all(contexts.map((c) => c.watch()));
} else {
  await Promise.all(builds.map((b) => esbuild.build(b)));
}
