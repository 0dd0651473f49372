import { describe, it } from 'node:test';
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import { parse } from 'yaml';
import type { Finding } from '../../../src-engine';
import { applyEdits, lint } from '../validate/helpers';
import { fixturePath, REPO_ROOT } from '../../helpers/paths';

function only(findings: Finding[], rule: string): Finding {
  const found = findings.filter((f) => f.rule === rule);
  assert.equal(found.length, 1, `${rule}: ${findings.map((f) => f.rule).join(', ')}`);
  return found[0]!;
}

function applyFix(text: string, finding: Finding, titleStart: string): string {
  const fix = finding.fixes?.find((f) => f.title.startsWith(titleStart));
  assert.ok(fix, `no "${titleStart}" fix among ${finding.fixes?.map((f) => f.title).join(' | ')}`);
  return applyEdits(text, fix.edits);
}

describe('lifecycle conversions', () => {
  it('Convert to Job turns the migration Deployment into a Job the linter passes, name, labels and template kept', () => {
    const text = fs.readFileSync(`${REPO_ROOT}/examples/migration-deployment.yaml`, 'utf8');
    const finding = only(lint(text), 'lifecycle-one-off-task');
    assert.equal(finding.severity, 'warning');
    assert.match(finding.message, /python manage\.py migrate.*exit code 0.*again and again/);
    const converted = applyFix(text, finding, 'Convert to Job');
    assert.match(converted, /^# The wrong lifecycle/, 'the comment above the document stays');
    const job = parse(converted);
    assert.equal(job.apiVersion, 'batch/v1');
    assert.equal(job.kind, 'Job');
    assert.deepEqual(job.metadata, { name: 'db-migration', namespace: 'demo', labels: { app: 'shop' } });
    assert.equal(job.spec.replicas, undefined);
    assert.equal(job.spec.selector, undefined);
    assert.equal(job.spec.backoffLimit, 3);
    assert.equal(job.spec.ttlSecondsAfterFinished, 86400);
    assert.equal(job.spec.template.spec.restartPolicy, 'Never');
    assert.deepEqual(job.spec.template.metadata.labels, { app: 'shop-migration' });
    assert.deepEqual(job.spec.template.spec.containers[0].command, ['python', 'manage.py', 'migrate']);
    assert.deepEqual(
      lint(converted).filter((f) => f.severity === 'error' || f.severity === 'warning'),
      [],
    );
  });

  it("Convert to Job keeps a Pod's labels on the template and is not offered where it cannot work", () => {
    const pod = fs.readFileSync(fixturePath('advice', 'pod-import-restarts.yaml'), 'utf8');
    const job = parse(applyFix(pod, only(lint(pod), 'lifecycle-one-off-task'), 'Convert to Job'));
    assert.equal(job.kind, 'Job');
    assert.deepEqual(job.spec.template.metadata.labels, { app: 'catalog-import' });
    assert.equal(job.spec.template.spec.restartPolicy, 'Never');
    for (const name of ['deployment-rails-migrate.yaml', 'daemonset-sysctl-exit.yaml']) {
      const text = fs.readFileSync(fixturePath('advice', name), 'utf8');
      assert.equal(only(lint(text), 'lifecycle-one-off-task').fixes, undefined, name);
    }
  });

  it('Convert to CronJob runs the loop body on the schedule the sleep implies', () => {
    const text = fs.readFileSync(fixturePath('advice', 'deployment-backup-loop.yaml'), 'utf8');
    const converted = applyFix(text, only(lint(text), 'lifecycle-sleep-loop'), 'Convert to CronJob');
    const cron = parse(converted);
    assert.equal(cron.kind, 'CronJob');
    assert.equal(cron.spec.schedule, '0 0 * * *');
    assert.equal(cron.spec.concurrencyPolicy, 'Forbid');
    const container = cron.spec.jobTemplate.spec.template.spec.containers[0];
    assert.match(container.command[2], /^pg_dump -h pg -U app app \| gzip > \/backup\/app-\$\(date \+%F\)\.sql\.gz$/);
    assert.doesNotMatch(container.command[2], /sleep|while|done/);
    assert.deepEqual(cron.spec.jobTemplate.spec.template.spec.volumes[0].persistentVolumeClaim, { claimName: 'pg-backups' });
    assert.deepEqual(
      lint(converted).filter((f) => f.severity === 'error'),
      [],
    );
  });

  it('Convert to Deployment is the mirror fix of a server in a Job', () => {
    const text = fs.readFileSync(fixturePath('advice', 'job-gunicorn.yaml'), 'utf8');
    const converted = applyFix(text, only(lint(text), 'job-looks-like-server'), 'Convert to Deployment');
    const deployment = parse(converted);
    assert.equal(deployment.apiVersion, 'apps/v1');
    assert.equal(deployment.kind, 'Deployment');
    assert.equal(deployment.spec.replicas, 1);
    assert.deepEqual(deployment.spec.selector, { matchLabels: { app: 'api' } });
    assert.equal(deployment.spec.template.spec.restartPolicy, undefined);
    assert.equal(deployment.spec.ttlSecondsAfterFinished, undefined);
    assert.deepEqual(lint(converted), []);
  });

  it('Convert to Deployment gives a template without labels an app label and a matching selector', () => {
    const text = fs.readFileSync(fixturePath('advice', 'job-nginx-default.yaml'), 'utf8');
    const deployment = parse(applyFix(text, only(lint(text), 'job-looks-like-server'), 'Convert to Deployment'));
    assert.deepEqual(deployment.spec.template.metadata.labels, { app: 'static-preview' });
    assert.deepEqual(deployment.spec.selector.matchLabels, { app: 'static-preview' });
  });

  it("the examples' Jobs, a web server, a queue consumer and a sleeping toolbox get no lifecycle finding", () => {
    const lifecycleRules = /^(?:lifecycle-|job-looks-like-server)/;
    const examples = fs
      .readdirSync(`${REPO_ROOT}/examples`)
      .filter((f) => f.endsWith('.yaml') && f !== 'migration-deployment.yaml');
    const advice = [
      'deployment-web.yaml',
      'deployment-celery-worker.yaml',
      'deployment-keepalive-loop.yaml',
      'deployment-migrate-then-serve.yaml',
    ];
    for (const file of [...examples.map((f) => `${REPO_ROOT}/examples/${f}`), ...advice.map((f) => fixturePath('advice', f))]) {
      const findings = lint(fs.readFileSync(file, 'utf8')).filter((f) => lifecycleRules.test(f.rule));
      assert.deepEqual(findings, [], file);
    }
  });
});
