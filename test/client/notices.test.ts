/** What the tree, the status bar and the panels say about the connection and about RBAC. */
import { describe, it } from 'node:test';
import * as assert from 'node:assert/strict';
import { describeScope, eventsNote, notices } from '../../client/src/views/model/notices';

describe('the namespaces actually watched', () => {
  it('says all namespaces only for cluster-wide watches', () => {
    assert.equal(describeScope({ clusterWide: true, namespaces: [], forbidden: [] }).label, 'all namespaces');
    assert.equal(describeScope({ clusterWide: false, namespaces: ['a', 'b', 'c', 'd'], forbidden: [] }).label, '4 namespaces');
    assert.equal(describeScope({ clusterWide: false, namespaces: ['a', 'b'], forbidden: [] }).label, 'a, b');
  });

  it('leaves out the namespaces RBAC forbids, and lists them in the detail', () => {
    const s = describeScope({ clusterWide: false, namespaces: ['default', 'demo'], forbidden: ['default'] });
    assert.equal(s.label, 'demo');
    assert.equal(s.detail, 'Watching demo.\nForbidden to list (RBAC): default.');
    assert.equal(
      describeScope({ clusterWide: false, namespaces: ['default'], forbidden: ['default'] }).label,
      'no namespace readable',
    );
  });
});

describe('notices above the namespaces', () => {
  it('say the objects are as last seen while the server does not answer, then how many watches are back', () => {
    const down = notices(
      {
        unreachable: { sinceMs: Date.UTC(2026, 0, 1, 12, 0, 5), message: 'connect ECONNREFUSED 127.0.0.1:6443' },
        reconnecting: 4,
        watches: 4,
        stale: true,
      },
      undefined,
    );
    assert.equal(down[0]?.label, 'API server unreachable');
    assert.match(down[0]?.description ?? '', /^objects as last seen · since \d\d:\d\d:05 · retrying$/);
    assert.match(down[0]?.tooltip ?? '', /ECONNREFUSED/);
    const back = notices({ reconnecting: 1, watches: 4, stale: true }, undefined);
    assert.equal(back[0]?.description, 'objects may be out of date · 3 of 4 back');
    assert.deepEqual(notices({ reconnecting: 0, watches: 4, stale: false }, undefined), []);
  });

  it('point to Select Namespaces… when no watched namespace can be read', () => {
    const [n] = notices(undefined, { clusterWide: false, namespaces: ['default'], forbidden: ['default'] });
    assert.equal(n?.label, 'Select Namespaces…');
    assert.equal(n?.description, 'no access to namespace default');
    assert.equal(n?.command, 'kubeJobs.selectNamespaces');
    assert.deepEqual(notices(undefined, { clusterWide: false, namespaces: ['default', 'demo'], forbidden: ['default'] }), []);
  });
});

describe('events a panel cannot show', () => {
  it('read as forbidden, never as "No events"', () => {
    assert.match(
      eventsNote({ message: 'events is forbidden', forbidden: true }, 'demo') ?? '',
      /^Events are forbidden: .* namespace demo \(RBAC\)/,
    );
    assert.equal(eventsNote(undefined, 'demo'), undefined);
  });
});
