// The Kube Jobs tree and cluster commands against the test API server: the runner starts it
// with the demo world and passes KUBECONFIG (and its URL as KUBE_JOBS_TEST_APISERVER_URL).
import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import { closeAllEditors, openFixture, waitFor, waitForActivation } from '../helpers';

interface SnapshotNode {
  label: string;
  description?: string;
  icon: string;
  children?: SnapshotNode[];
}
interface TreeSnapshot {
  context: string;
  phase: string;
  namespaces: string[];
  tree: SnapshotNode[];
}

const apiServerUrl = () => process.env.KUBE_JOBS_TEST_APISERVER_URL;

async function snapshot(): Promise<TreeSnapshot> {
  return (await vscode.commands.executeCommand<TreeSnapshot>('kubeJobs._getTreeSnapshot'))!;
}

/** The first CronJob → Job → Pod chain in a namespace of the snapshot. */
function chain(
  tree: SnapshotNode[],
  namespace: string,
): { cronJob: SnapshotNode; job: SnapshotNode; pod: SnapshotNode } | undefined {
  const ns = tree.find((n) => n.label === namespace);
  for (const cronJob of ns?.children ?? []) {
    for (const job of cronJob.children ?? []) {
      const pod = job.children?.[0];
      if (pod) return { cronJob, job, pod };
    }
  }
  return undefined;
}

describe('cluster tree against the test API server', () => {
  before(async function () {
    if (!process.env.KUBECONFIG || !apiServerUrl()) this.skip();
    // The cluster commands need the extension active; a YAML file activates it.
    await openFixture('cronjob.yaml');
    await waitForActivation();
  });
  after(closeAllEditors);

  it('shows namespace → CronJob → Job → Pod from the demo world', async () => {
    const snap = await waitFor(
      async () => {
        const s = await snapshot();
        return chain(s.tree, 'demo') ? s : undefined;
      },
      { what: 'a CronJob → Job → Pod chain in namespace demo', pollMs: 250 },
    );
    assert.ok(
      snap.namespaces.includes('demo') && snap.namespaces.includes('batch-jobs'),
      `namespaces: ${snap.namespaces.join(', ')}`,
    );
    const demo = snap.tree.find((n) => n.label === 'demo')!;
    const cronJobs = (demo.children ?? []).map((c) => c.label);
    assert.ok(
      cronJobs.includes('nightly-cleanup') && cronJobs.includes('hourly-report'),
      `CronJobs in demo: ${cronJobs.join(', ')}`,
    );
    const { cronJob, job, pod } = chain(snap.tree, 'demo')!;
    assert.ok(job.label.startsWith(cronJob.label), `Job ${job.label} is not named after CronJob ${cronJob.label}`);
    assert.ok(pod.label.startsWith(job.label), `Pod ${pod.label} is not named after Job ${job.label}`);
  });

  it('trigger now creates a Job on the server and the tree shows it', async () => {
    const ref = { kind: 'CronJob', namespace: 'demo', name: 'hourly-report' };
    // { confirm: false }: the question a person answers is covered by the cluster-actions journey.
    const created = await vscode.commands.executeCommand<string | undefined>('kubeJobs.triggerCronJob', ref, { confirm: false });
    assert.ok(created, 'triggerCronJob returned no Job name (an error message was shown)');
    assert.ok(created.startsWith('hourly-report-'), created);
    const response = await fetch(`${apiServerUrl()}/apis/batch/v1/namespaces/demo/jobs/${created}`);
    assert.equal(response.status, 200, `GET Job ${created}: HTTP ${response.status}`);
    const job = (await response.json()) as {
      metadata: { ownerReferences?: { kind: string; name: string }[]; annotations?: Record<string, string> };
    };
    assert.ok(
      job.metadata.ownerReferences?.some((o) => o.kind === 'CronJob' && o.name === 'hourly-report'),
      'the Job is not owned by the CronJob',
    );
    await waitFor(
      async () =>
        (await snapshot()).tree
          .find((n) => n.label === 'demo')
          ?.children?.find((c) => c.label === 'hourly-report')
          ?.children?.some((j) => j.label === created),
      {
        what: `Job ${created} under hourly-report in the tree`,
        pollMs: 250,
      },
    );
  });
});
