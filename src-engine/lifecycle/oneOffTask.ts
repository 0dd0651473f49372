import { fieldPath } from '../validate/context';
import { containerLifetime } from './containerLifetime';
import { convertToJob } from './convertToJob';
import type { LifecycleRule } from './lifecycleContext';
import { servesTraffic } from './lifecycleContext';
import { practiceRule } from '../validate/rule';

const WORKLOADS_DOCS = 'https://kubernetes.io/docs/concepts/workloads/controllers/job/';

/**
 * lifecycle-one-off-task: a container whose command finishes — a migration, a backup, an
 * import, a script that ends by exiting — under a controller that restarts it forever. The
 * kubelet restarts a container that exits under restartPolicy Always whatever its exit code
 * (`ShouldContainerBeRestarted`, pkg/kubelet/container/helpers.go), with its crash-loop back-off
 * between runs; with a container-level Never or OnFailure the controller replaces the finished
 * pod instead. Either way the task runs again and again. Containers with ports or probes are
 * servers and are never flagged; unrecognised commands are not guessed at.
 */
export const oneOffTaskRule: LifecycleRule = {
  rules: [
    practiceRule('warning', {
      id: 'lifecycle-one-off-task',
      title: 'One-off task in a workload that restarts it',
      description:
        'A Deployment, StatefulSet, ReplicaSet, DaemonSet or restarting Pod runs a command that finishes (a migration, a ' +
        'backup, an import…): the kubelet restarts it, so it runs again and again. A Job runs it once.',
      docsUrl: WORKLOADS_DOCS,
    }),
  ],
  check(ctx) {
    const containers = ctx.containers;
    for (const { container, path } of containers) {
      const rerun = ctx.rerunsAfterSuccess(container);
      if (!rerun || servesTraffic(container)) continue;
      const lifetime = containerLifetime(container);
      if (lifetime.kind !== 'finishes') continue;
      const { intent } = lifetime;
      const evidence =
        intent.kind === 'task'
          ? `runs \`${intent.command}\` (${intent.what}), which finishes${lifetime.endsWithExit ? ', and then `exit`' : ''}`
          : lifetime.endsWithExit
            ? `runs a script that ends with \`exit\` after \`${intent.command}\``
            : `runs \`${intent.command}\`, which finishes`;
      const where = ctx.kind === 'DaemonSet' ? ' on every node' : '';
      const what =
        rerun === 'kubelet'
          ? `${ctx.kind === 'Pod' ? 'with restartPolicy Always the kubelet' : `in a ${ctx.kind} the kubelet`} restarts a ` +
            `container that exits — exit code 0 counts as a failure too — so it runs again and again${where} (CrashLoopBackOff ` +
            `between runs)`
          : `the ${ctx.kind} replaces a pod whose containers finished, so it runs again and again${where}`;
      const advice =
        containers.length > 1
          ? 'move it to initContainers, where it runs once before the other containers start, or into a Job'
          : ctx.kind === 'DaemonSet'
            ? 'run it in an initContainer (with a pause container) or as a Job'
            : 'run it as a Job';
      ctx.report({
        rule: 'lifecycle-one-off-task',
        path: [...path, container['command'] !== undefined ? 'command' : container['args'] !== undefined ? 'args' : 'image'],
        message: `${fieldPath(path)}: ${evidence}; ${what}; ${advice}`,
        fixes: () => {
          const fix = containers.length === 1 && ctx.kind !== 'DaemonSet' ? convertToJob(ctx.doc, ctx.kind) : undefined;
          return fix ? [fix] : [];
        },
      });
    }
  },
};
