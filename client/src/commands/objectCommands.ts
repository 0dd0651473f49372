/**
 * The commands that change cluster objects: trigger a CronJob, suspend and resume, delete a
 * Job. Each acts on the row (or panel) it was invoked on; see support.ts for how the argument
 * is read and how failures are worded.
 */
import * as vscode from 'vscode';
import type { CommandFactory } from './types';
import { deleteJob as deleteJobApi, setSuspended, triggerCronJob as triggerApi } from '../cluster/actions';
import { triggerQuestion } from '../views/model/manualJob';
import { readConfig } from '../config';
import { JobPanel } from '../webviews/JobPanel';
import { Cancelled, ensureAllowed, runOnObject } from './support';

/** Pass `{ confirm: false }` as the second argument to skip the question (tests, scripts). */
function skipsConfirmation(options: unknown): boolean {
  return typeof options === 'object' && options !== null && (options as { confirm?: unknown }).confirm === false;
}

/** triggerCronJob starts a Job from the CronJob now (after a question) and opens its live panel. Returns the Job name. */
export const triggerCronJob: CommandFactory = (ctx) => async (arg?: unknown, options?: unknown) => {
  let created: string | undefined;
  await runOnObject(ctx, arg, { kinds: ['CronJob'], doing: 'trigger' }, async (ref) => {
    await ensureAllowed(ctx, ref, 'create', 'jobs');
    if (readConfig().actions.confirmTrigger && !skipsConfirmation(options)) {
      const q = triggerQuestion(ref.namespace, ref.name, ctx.cluster.contextName);
      const answer = await vscode.window.showWarningMessage(q.message, { modal: true, detail: q.detail }, 'Trigger');
      if (answer !== 'Trigger') throw new Cancelled();
    }
    const session = await ctx.cluster.requireSession();
    const job = await triggerApi(session.transport, ref.namespace, ref.name);
    created = job.metadata?.name;
    ctx.log.info(`triggered ${ref.namespace}/${ref.name}: created Job ${created}`);
    if (created) JobPanel.panels.show(ctx, { kind: 'Job', namespace: ref.namespace, name: created });
  });
  return created;
};

function suspendCommand(suspend: boolean): CommandFactory {
  return (ctx) => (arg?: unknown) => {
    return runOnObject(ctx, arg, { kinds: ['CronJob', 'Job'], doing: suspend ? 'suspend' : 'resume' }, async (ref) => {
      await ensureAllowed(ctx, ref, 'patch', ref.kind === 'CronJob' ? 'cronjobs' : 'jobs');
      const session = await ctx.cluster.requireSession();
      await setSuspended(session.transport, ref.kind as 'CronJob' | 'Job', ref.namespace, ref.name, suspend);
      ctx.log.info(`${suspend ? 'suspended' : 'resumed'} ${ref.kind} ${ref.namespace}/${ref.name}`);
      void vscode.window.setStatusBarMessage(
        `${suspend ? 'Suspended' : 'Resumed'} ${ref.kind} ${ref.namespace}/${ref.name}`,
        4000,
      );
    });
  };
}

export const suspend = suspendCommand(true);
export const resume = suspendCommand(false);

/** deleteJob deletes a Job after confirmation, with the configured propagation policy. */
export const deleteJob: CommandFactory = (ctx) => (arg?: unknown, options?: unknown) => {
  return runOnObject(ctx, arg, { kinds: ['Job'], doing: 'delete' }, async (ref) => {
    await ensureAllowed(ctx, ref, 'delete', 'jobs');
    const policy = readConfig().actions.deletePropagationPolicy;
    if (!skipsConfirmation(options)) {
      const podsNote =
        policy === 'Orphan'
          ? 'Its pods are kept (propagation policy Orphan).'
          : `Its pods are deleted too (propagation policy ${policy}).`;
      const answer = await vscode.window.showWarningMessage(
        `Delete Job ${ref.namespace}/${ref.name} on context ${ctx.cluster.contextName}?`,
        { modal: true, detail: podsNote },
        'Delete',
      );
      if (answer !== 'Delete') throw new Cancelled();
    }
    const session = await ctx.cluster.requireSession();
    await deleteJobApi(session.transport, ref.namespace, ref.name, policy);
    ctx.log.info(`deleted Job ${ref.namespace}/${ref.name} (${policy})`);
  });
};
