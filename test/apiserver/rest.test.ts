/**
 * Raw-HTTP tests of the test API server's REST semantics (create, patch, delete with propagation,
 * field selectors and paging, discovery, metadata-only lists, validation, authentication), as a
 * client library sees them.
 */
import * as assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import type { TestApiServer } from './server';
import { startTestApiServer } from './server';
import { request, StreamReader } from './testClient';

describe('REST semantics', () => {
  let server: TestApiServer;
  before(async () => {
    server = await startTestApiServer({ users: { 'good-token': 'bob' } });
  });
  after(() => server.close());
  const auth = { Authorization: 'Bearer good-token' };

  it('create fills metadata, honours generateName and dryRun, and answers 409/422/404 with Status objects', async () => {
    const job = {
      apiVersion: 'batch/v1',
      kind: 'Job',
      metadata: { generateName: 'gen-' },
      spec: { template: { spec: { restartPolicy: 'Never', containers: [{ name: 'c', image: 'busybox' }] } } },
    };
    const created = await request(server.url, 'POST', '/apis/batch/v1/namespaces/default/jobs', { body: job, headers: auth });
    assert.equal(created.status, 201);
    const obj = created.json();
    assert.match(obj.metadata.name, /^gen-[bcdfghjklmnpqrstvwxz2456789]{5}$/);
    assert.match(obj.metadata.uid, /^[0-9a-f-]{36}$/);
    assert.equal(obj.metadata.generation, 1);
    assert.match(obj.metadata.creationTimestamp, /^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ$/);
    assert.equal(obj.spec.backoffLimit, 6);
    assert.equal(obj.spec.template.metadata.labels['batch.kubernetes.io/job-name'], obj.metadata.name);
    const dry = await request(server.url, 'POST', '/apis/batch/v1/namespaces/default/jobs?dryRun=All', {
      body: { ...job, metadata: { name: 'dry' } },
      headers: auth,
    });
    assert.equal(dry.status, 201);
    assert.equal(server.store.get('jobs', 'default', 'dry'), undefined);
    const again = await request(server.url, 'POST', '/apis/batch/v1/namespaces/default/jobs', {
      body: { ...job, metadata: { name: obj.metadata.name } },
      headers: auth,
    });
    assert.equal(again.status, 409);
    assert.deepEqual(again.json(), {
      kind: 'Status',
      apiVersion: 'v1',
      metadata: {},
      status: 'Failure',
      message: `jobs.batch "${obj.metadata.name}" already exists`,
      reason: 'AlreadyExists',
      details: { name: obj.metadata.name, group: 'batch', kind: 'jobs' },
      code: 409,
    });
    const bad = await request(server.url, 'POST', '/apis/batch/v1/namespaces/default/jobs', {
      body: { ...job, metadata: { name: 'Bad_Name' } },
      headers: auth,
    });
    assert.equal(bad.status, 422);
    const st = bad.json();
    assert.equal(st.reason, 'Invalid');
    assert.equal(st.details.kind, 'Job');
    assert.equal(st.details.causes[0].field, 'metadata.name');
    assert.match(
      st.message,
      /^Job\.batch "Bad_Name" is invalid: metadata\.name: Invalid value: "Bad_Name": a lowercase RFC 1123 subdomain/,
    );
    const noNs = await request(server.url, 'POST', '/apis/batch/v1/namespaces/nowhere/jobs', {
      body: { ...job, metadata: { name: 'x' } },
      headers: auth,
    });
    assert.equal(noNs.status, 404);
    assert.equal(noNs.json().message, 'namespaces "nowhere" not found');
  });

  it('patch supports merge, JSON and strategic patches, and keeps status off the main resource', async () => {
    server.store.create('cronjobs', {
      metadata: { name: 'cj', namespace: 'default' },
      spec: {
        schedule: '* * * * *',
        jobTemplate: {
          spec: {
            template: {
              spec: {
                containers: [
                  { name: 'a', image: 'a:1' },
                  { name: 'b', image: 'b:1' },
                ],
              },
            },
          },
        },
      },
      status: {},
    });
    // eslint-disable-next-line @typescript-eslint/no-explicit-any
    const p = (type: string, body: unknown, sub = ''): Promise<{ status: number; json: () => any }> =>
      request(server.url, 'PATCH', `/apis/batch/v1/namespaces/default/cronjobs/cj${sub}`, {
        body,
        contentType: type,
        headers: auth,
      });
    let r = await p('application/strategic-merge-patch+json', {
      spec: { jobTemplate: { spec: { template: { spec: { containers: [{ name: 'b', image: 'b:2' }] } } } } },
    });
    assert.equal(r.status, 200);
    assert.deepEqual(
      r.json().spec.jobTemplate.spec.template.spec.containers.map((c: { image: string }) => c.image),
      ['a:1', 'b:2'],
      'strategic merge keeps the other container',
    );
    r = await p('application/merge-patch+json', {
      spec: { jobTemplate: { spec: { template: { spec: { containers: [{ name: 'c', image: 'c:1' }] } } } } },
      status: { active: [{ name: 'x' }] },
    });
    assert.deepEqual(
      r.json().spec.jobTemplate.spec.template.spec.containers.map((c: { name: string }) => c.name),
      ['c'],
      'merge patch replaces lists',
    );
    assert.deepEqual(r.json().status, {}, 'status changes through the main resource are ignored');
    r = await p('application/json-patch+json', [
      { op: 'add', path: '/spec/suspend', value: true },
      { op: 'test', path: '/spec/schedule', value: '* * * * *' },
    ]);
    assert.equal(r.json().spec.suspend, true);
    r = await p('application/merge-patch+json', { status: { lastScheduleTime: '2026-01-01T00:00:00Z' } }, '/status');
    assert.equal(r.json().status.lastScheduleTime, '2026-01-01T00:00:00Z');
    r = await p('application/json-patch+json', [{ op: 'test', path: '/spec/schedule', value: 'nope' }]);
    assert.equal(r.status, 422);
    r = await p('text/plain', {});
    assert.equal(r.status, 415);
    const stale = await p('application/merge-patch+json', { metadata: { resourceVersion: '1' }, spec: { suspend: false } });
    assert.equal(stale.status, 409);
    assert.equal(stale.json().reason, 'Conflict');
  });

  it('delete applies the propagation policy to dependents; Jobs orphan by default with the real warning', async () => {
    const mk = (name: string): { uid: string } =>
      server.store.create('jobs', { metadata: { name, namespace: 'default' }, spec: {} }).metadata;
    const dep = (name: string, owner: { uid: string }, ownerName: string): void => {
      server.store.create('pods', {
        metadata: {
          name,
          namespace: 'default',
          ownerReferences: [{ apiVersion: 'batch/v1', kind: 'Job', name: ownerName, uid: owner.uid, controller: true }],
        },
        spec: { containers: [] },
      });
    };
    const j1 = mk('gc-default');
    dep('gc-default-p', j1, 'gc-default');
    const r = await request(server.url, 'DELETE', '/apis/batch/v1/namespaces/default/jobs/gc-default', { headers: auth });
    assert.equal(r.status, 200);
    assert.match(String(r.headers.warning), /child pods are preserved by default when jobs are deleted/);
    assert.equal(server.store.get('pods', 'default', 'gc-default-p')?.metadata.ownerReferences, undefined);
    const j2 = mk('gc-fg');
    dep('gc-fg-p', j2, 'gc-fg');
    const w = new StreamReader(
      server.url,
      `/apis/batch/v1/namespaces/default/jobs?watch=1&resourceVersion=${server.store.resourceVersion()}`,
    );
    await w.ready;
    await request(server.url, 'DELETE', '/apis/batch/v1/namespaces/default/jobs/gc-fg', {
      body: { propagationPolicy: 'Foreground' },
      headers: auth,
    });
    assert.equal(server.store.get('pods', 'default', 'gc-fg-p'), undefined);
    await w.waitFor(() => w.lines.length >= 2, 'foreground events');
    const [marked, deleted] = w.events();
    w.close();
    assert.equal(marked.type, 'MODIFIED');
    assert.deepEqual(marked.object.metadata.finalizers, ['foregroundDeletion']);
    assert.ok(marked.object.metadata.deletionTimestamp);
    assert.equal(deleted.type, 'DELETED');
  });

  it('lists with field selectors and limit/continue', async () => {
    for (let i = 0; i < 5; i++) {
      server.store.create('pods', {
        metadata: { name: `page-${i}`, namespace: 'paged' },
        spec: { containers: [] },
        status: { phase: i % 2 ? 'Running' : 'Failed' },
      });
    }
    const running = (
      await request(server.url, 'GET', '/api/v1/namespaces/paged/pods?fieldSelector=status.phase%3DRunning', { headers: auth })
    ).json();
    assert.deepEqual(
      running.items.map((p: { metadata: { name: string } }) => p.metadata.name),
      ['page-1', 'page-3'],
    );
    const byName = (
      await request(server.url, 'GET', '/api/v1/pods?fieldSelector=metadata.name%3Dpage-4', { headers: auth })
    ).json();
    assert.equal(byName.items.length, 1);
    const names: string[] = [];
    let cont = '';
    for (let guard = 0; guard < 10; guard++) {
      const page = (
        await request(server.url, 'GET', `/api/v1/namespaces/paged/pods?limit=2${cont ? `&continue=${cont}` : ''}`, {
          headers: auth,
        })
      ).json();
      names.push(...page.items.map((p: { metadata: { name: string } }) => p.metadata.name));
      if (!page.metadata.continue) {
        break;
      }
      cont = page.metadata.continue;
    }
    assert.deepEqual(names, ['page-0', 'page-1', 'page-2', 'page-3', 'page-4']);
  });

  it("answers kubectl's aggregated-discovery request with the plain documents, which kubectl accepts", async () => {
    const r = await request(server.url, 'GET', '/apis', {
      headers: { Accept: 'application/json;g=apidiscovery.k8s.io;v=v2;as=APIGroupDiscoveryList,application/json' },
    });
    assert.equal(r.headers['content-type'], 'application/json');
    assert.equal(r.json().kind, 'APIGroupList');
    const v1 = (await request(server.url, 'GET', '/apis/batch/v1')).json();
    assert.deepEqual(
      v1.resources.map((x: { name: string }) => x.name),
      ['jobs', 'jobs/status', 'cronjobs', 'cronjobs/status'],
    );
  });

  it('serves PartialObjectMetadata lists to metadata-only clients', async () => {
    const r = (
      await request(server.url, 'GET', '/api/v1/namespaces/paged/pods', {
        headers: { ...auth, Accept: 'application/json;as=PartialObjectMetadataList;g=meta.k8s.io;v=v1,application/json' },
      })
    ).json();
    assert.equal(r.kind, 'PartialObjectMetadataList');
    assert.deepEqual(Object.keys(r.items[0]), ['kind', 'apiVersion', 'metadata']);
  });

  it('runs the pluggable validator on create and update', async () => {
    const v = await startTestApiServer({
      validate: (resource, obj) =>
        resource === 'cronjobs' && obj.spec?.schedule === 'never'
          ? [{ reason: 'FieldValueInvalid', field: 'spec.schedule', message: 'Invalid value: "never": unparseable' }]
          : [],
    });
    try {
      const r = await request(v.url, 'POST', '/apis/batch/v1/namespaces/default/cronjobs', {
        body: {
          metadata: { name: 'v' },
          spec: { schedule: 'never', jobTemplate: { spec: { template: { spec: { restartPolicy: 'Never', containers: [] } } } } },
        },
      });
      assert.equal(r.status, 422);
      assert.equal(r.json().message, 'CronJob.batch "v" is invalid: spec.schedule: Invalid value: "never": unparseable');
    } finally {
      await v.close();
    }
  });

  it('authenticates bearer tokens: unknown tokens get 401, and 403s name the user', async () => {
    const r = await request(server.url, 'GET', '/api/v1/pods', { headers: { Authorization: 'Bearer nope' } });
    assert.equal(r.status, 401);
    assert.equal(r.json().reason, 'Unauthorized');
    server.faults.set({ forbid: [{ verb: 'get', resource: 'pods/log', namespace: 'default' }] });
    const f = await request(server.url, 'GET', '/api/v1/namespaces/default/pods/p/log', { headers: auth });
    server.faults.clear();
    assert.equal(f.status, 403);
    assert.equal(
      f.json().message,
      'pods "p" is forbidden: User "bob" cannot get resource "pods/log" in API group "" in the namespace "default"',
    );
  });
});
