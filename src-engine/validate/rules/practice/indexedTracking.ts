import { int } from '../../context';
import { JOB_DOCS, jobSpecRule, practiceRule } from '../../rule';

/**
 * indexed-tracking: the warning the API server returns for a very large Indexed Job
 * (`WarningsForJobSpec`, pkg/api/job/warnings.go).
 */
export const indexedTrackingRule = jobSpecRule(
  practiceRule('warning', {
    id: 'indexed-tracking',
    title: 'Very large Indexed Job',
    description:
      'With more than 100000 completions and parallelism above 10000, Kubernetes might not track completedIndexes when many ' +
      'indexes fail.',
    docsUrl: `${JOB_DOCS}#completion-mode`,
  }),
  (view, ctx) => {
    const completions = int(view.spec['completions']);
    const parallelism = int(view.spec['parallelism']);
    if (
      !view.indexed ||
      completions === undefined ||
      completions <= 100000 ||
      parallelism === undefined ||
      parallelism <= 10000
    ) {
      return;
    }
    ctx.report({
      rule: 'indexed-tracking',
      path: [...view.path, 'parallelism'],
      message:
        'In Indexed Jobs with a number of completions higher than 10^5 and a parallelism higher than 10^4, Kubernetes might ' +
        'not be able to track completedIndexes when a big number of indexes fail',
    });
  },
);
