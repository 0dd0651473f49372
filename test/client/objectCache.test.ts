/** The informer's cache rules, one by one: what a faulty watch stream may not do to the tree. */
import { describe, it } from 'node:test';
import * as assert from 'node:assert/strict';
import { ObjectCache } from '../../client/src/cluster/objectCache';
import type { KubeObject } from '../../client/src/cluster/objectCache';
import { compareResourceVersions } from '../../client/src/cluster/resourceVersion';
import { malformation } from '../../client/src/cluster/objectShape';
import { Store } from '../apiserver/store';
import { LogStore } from '../apiserver/logs';
import { seedDemoWorld } from '../apiserver/demoWorld';

const job = (name: string, rv: string, extra: Record<string, unknown> = {}): KubeObject =>
  ({ metadata: { name, namespace: 'demo', resourceVersion: rv, ...extra } }) as KubeObject;

function cache(malformed: string[] = []): { cache: ObjectCache; changes: string[] } {
  const changes: string[] = [];
  const c = new ObjectCache({
    namespace: 'demo',
    malformation: (o) => malformation('Job', o),
    onChange: (type, o) => changes.push(`${type} ${o.metadata.name}@${o.metadata.resourceVersion}`),
    onMalformed: (what, problem) => malformed.push(`${what}: ${problem}`),
  });
  return { cache: c, changes };
}

describe('resourceVersion order', () => {
  it('compares as CompareResourceVersion does: by length, then text; anything else is unordered', () => {
    assert.equal(compareResourceVersions('9', '10'), -1);
    assert.equal(compareResourceVersions('10', '10'), 0);
    assert.equal(compareResourceVersions('11', '10'), 1);
    assert.equal(compareResourceVersions('010', '9'), undefined, 'a leading zero is not well formed');
    assert.equal(compareResourceVersions('0', '1'), undefined, 'zero is never a live resourceVersion');
    assert.equal(compareResourceVersions('abc', '1'), undefined);
    assert.equal(compareResourceVersions(undefined, '1'), undefined);
  });
});

describe('the informer cache', () => {
  it('ignores duplicates and versions older than the stored one', () => {
    const { cache: c, changes } = cache();
    assert.equal(c.applyEvent('ADDED', job('a', '10')), undefined);
    assert.equal(c.applyEvent('MODIFIED', job('a', '12')), undefined);
    assert.equal(c.applyEvent('MODIFIED', job('a', '12')), 'duplicate');
    assert.equal(c.applyEvent('MODIFIED', job('a', '11')), 'stale');
    assert.deepEqual(changes, ['ADDED a@10', 'MODIFIED a@12']);
    assert.equal(c.objects.get('demo/a')?.metadata.resourceVersion, '12');
  });

  it('keeps a deleted object deleted when an older version of it arrives late', () => {
    const { cache: c, changes } = cache();
    c.applyEvent('ADDED', job('a', '10'));
    c.applyEvent('DELETED', job('a', '13'));
    assert.equal(c.applyEvent('MODIFIED', job('a', '12')), 'stale');
    assert.equal(c.applyEvent('DELETED', job('a', '13')), 'duplicate');
    assert.equal(c.applyEvent('ADDED', job('a', '20')), undefined, 'a new object with the same name is newer');
    assert.deepEqual(changes, ['ADDED a@10', 'DELETED a@13', 'ADDED a@20']);
  });

  it('ignores objects of other namespaces', () => {
    const { cache: c, changes } = cache();
    assert.equal(
      c.applyEvent('ADDED', { metadata: { name: 'x', namespace: 'prod', resourceVersion: '5' } } as KubeObject),
      'foreign',
    );
    assert.deepEqual(changes, []);
  });

  it('skips a malformed object and reports it once, until a well-formed version of it arrives', () => {
    const reports: string[] = [];
    const { cache: c, changes } = cache(reports);
    c.applyEvent('ADDED', job('a', '10'));
    const bad = job('a', '11', { ownerReferences: { kind: 'CronJob', name: 'x' } });
    assert.equal(c.applyEvent('MODIFIED', bad), 'malformed');
    assert.equal(c.applyEvent('MODIFIED', bad), 'malformed');
    assert.deepEqual(reports, ['demo/a: metadata.ownerReferences is not a list']);
    assert.equal(c.objects.get('demo/a')?.metadata.resourceVersion, '10', 'the last good version stays');
    c.applyEvent('MODIFIED', job('a', '12'));
    c.applyEvent('MODIFIED', job('a', '13', { labels: 'x=y' }));
    assert.deepEqual(reports, ['demo/a: metadata.ownerReferences is not a list', 'demo/a: metadata.labels is not a map']);
    assert.equal(c.applyEvent('MODIFIED', { metadata: null } as unknown as KubeObject), 'malformed');
    assert.deepEqual(changes, ['ADDED a@10', 'MODIFIED a@12']);
  });

  it('a list replaces everything and reports the difference', () => {
    const { cache: c, changes } = cache();
    c.applyEvent('ADDED', job('a', '10'));
    c.applyEvent('ADDED', job('b', '11'));
    c.replaceAll([job('b', '11'), job('c', '12'), { metadata: { name: 'other', namespace: 'prod' } }]);
    assert.deepEqual(changes, ['ADDED a@10', 'ADDED b@11', 'DELETED a@10', 'ADDED c@12']);
  });
});

describe('object shapes', () => {
  it('accepts every object of the demo world as the server sends it', () => {
    const store = new Store({ now: () => Date.UTC(2026, 10, 30) });
    seedDemoWorld(store, new LogStore(() => Date.UTC(2026, 10, 30)), Date.UTC(2026, 10, 30));
    const kinds = { cronjobs: 'CronJob', jobs: 'Job', pods: 'Pod', events: 'Event' } as const;
    for (const [plural, kind] of Object.entries(kinds)) {
      for (const o of store.list(plural)) assert.equal(malformation(kind, o), undefined, `${kind} ${o.metadata.name}`);
    }
  });

  it('names the field that breaks the API type', () => {
    const pod = {
      metadata: { name: 'p', namespace: 'demo' },
      status: { containerStatuses: [{ name: 'c', state: { terminated: { exitCode: '1' } } }] },
    };
    assert.equal(malformation('Pod', pod), 'status.containerStatuses[0].state.terminated.exitCode is not a number');
    assert.equal(
      malformation('Job', { metadata: { name: 'j', namespace: 'demo' }, status: { conditions: { type: 'Failed' } } }),
      'status.conditions is not a list',
    );
    assert.equal(
      malformation('CronJob', { metadata: { name: 'c', namespace: 'demo', creationTimestamp: 5 } }),
      'metadata.creationTimestamp is not a string',
    );
    assert.equal(
      malformation('Event', { metadata: { name: 'e', namespace: 'demo' }, involvedObject: 'Job/x' }),
      'involvedObject is not an object',
    );
    assert.equal(malformation('Job', { metadata: { name: 'j' } }), 'metadata.namespace is missing');
    assert.equal(
      malformation('Job', {
        metadata: { name: 'j', namespace: 'demo' },
        spec: { template: { metadata: { creationTimestamp: null }, spec: { containers: [{ name: 'c', env: 'ignored' }] } } },
      }),
      undefined,
      'the pod template beyond container names is not read',
    );
  });
});
