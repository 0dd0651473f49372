// Starts the test Kubernetes API server (test/apiserver, compiled to out/) with the demo world,
// writes a kubeconfig, prints the URL, and keeps the running pods writing log lines, so the
// VS Code tree view and `kubectl` have CronJobs, Jobs and Pods to show without a cluster.
// Usage: node scripts/demoApiServer.mjs [--kubeconfig PATH] [--port N] [--interval-ms N] [--kubernetes-version v1.33.13]
// Stops on SIGTERM/SIGINT.
import { createRequire } from 'node:module';
import { existsSync } from 'node:fs';
import { resolve } from 'node:path';
import { tmpdir } from 'node:os';

const require = createRequire(import.meta.url);
const root = resolve(new URL('..', import.meta.url).pathname);
const serverJs = resolve(root, 'out/test/apiserver/server.js');
if (!existsSync(serverJs)) {
  console.error(`${serverJs} is missing: build first (npx tsc -b test)`);
  process.exit(1);
}
const { startTestApiServer } = require(serverJs);
const { seedDemoCluster } = require(resolve(root, 'out/test/apiserver/demoCluster.js'));

const args = process.argv.slice(2);
const opt = (name, dflt) => {
  const i = args.indexOf(name);
  return i >= 0 && args[i + 1] !== undefined ? args[i + 1] : dflt;
};
const kubeconfig = resolve(opt('--kubeconfig', resolve(tmpdir(), 'kube-jobs-demo.kubeconfig')));
const port = Number(opt('--port', '0'));
const intervalMs = Number(opt('--interval-ms', '2000'));

const kubernetesVersion = opt('--kubernetes-version', undefined);
const server = await startTestApiServer({ port, ...(kubernetesVersion ? { kubernetesVersion } : {}) });
const world = seedDemoCluster(server.store, server.logs, Date.now());
server.writeKubeconfig(kubeconfig, { namespace: 'demo' });
let tick = 0;
const timer = setInterval(() => {
  tick++;
  for (const p of world.runningPods) {
    server.appendLog(p.namespace, p.pod, p.container, `[${new Date().toISOString()}] still working, step ${tick}`);
  }
}, intervalMs);

console.log(`kube-jobs demo API server: ${server.url}`);
console.log(`kubeconfig: ${kubeconfig}`);
console.log(`try: KUBECONFIG=${kubeconfig} kubectl get cronjobs,jobs,pods -A`);

const stop = async () => {
  clearInterval(timer);
  await server.close();
  process.exit(0);
};
process.on('SIGTERM', stop);
process.on('SIGINT', stop);
