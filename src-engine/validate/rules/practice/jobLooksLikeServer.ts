import { containerLifetime } from '../../../lifecycle/containerLifetime';
import { convertToDeployment } from '../../../lifecycle/convertToDeployment';
import { fieldPath } from '../../context';
import { practiceRule } from '../../rule';
import { podContainerRule } from './containers';

/**
 * job-looks-like-server: a Job's container that never finishes — a web server or data store
 * (recognised by its command, or by a server image run with its own default command), or an
 * endless wait. The Job then never completes: its pod runs until activeDeadlineSeconds, or
 * forever. Ports and probes alone are not evidence — distributed training Jobs open a
 * coordinator port and batch tools expose health endpoints — and queue workers are left alone:
 * a work-queue Job's workers exit when the queue is empty. Native sidecars (init containers with
 * restartPolicy Always) are meant to run as long as the pod and are not checked.
 */
export const jobLooksLikeServerRule = podContainerRule(
  practiceRule('warning', {
    id: 'job-looks-like-server',
    title: 'Job runs a server',
    description:
      "A Job's container runs a server or waits forever, so the Job never completes; a Deployment keeps servers running.",
    docsUrl: 'https://kubernetes.io/docs/concepts/workloads/controllers/deployment/',
  }),
  ({ container, key, path }, ctx) => {
    if (key !== 'containers') return;
    const lifetime = containerLifetime(container);
    if (lifetime.kind !== 'runs' || lifetime.intent.kind === 'worker') return;
    const evidence = lifetime.fromImage
      ? `runs ${lifetime.intent.what} (image ${JSON.stringify(container['image'])} with no command)`
      : `runs \`${lifetime.intent.command}\` (${lifetime.intent.what})`;
    ctx.report({
      rule: 'job-looks-like-server',
      path: [...path, container['command'] !== undefined ? 'command' : 'image'],
      message:
        `${fieldPath(path)}: ${evidence}, which does not exit, so the Job never completes; ` +
        `${lifetime.intent.kind === 'idle' ? 'a pod meant to stay up' : 'a server'} belongs in a Deployment`,
      fixes: () => {
        const conversion = convertToDeployment(ctx.doc, ctx.kind);
        return conversion ? [conversion] : [];
      },
    });
  },
);
