import { fieldPath } from '../../context';
import { practiceRule } from '../../rule';
import { podContainerRule } from './containers';

/**
 * image-latest: a tag that moves (`:latest`, or no tag, which means latest) lets two runs of the
 * same Job run different code — a retry after a push, or a CronJob from one day to the next.
 * A digest pins the image whatever the tag says.
 */
export const imageLatestRule = podContainerRule(
  practiceRule('warning', {
    id: 'image-latest',
    title: 'Image without a fixed tag',
    description: 'An image with the tag latest, or no tag, can change between runs; pin a version or a digest.',
    docsUrl: 'https://kubernetes.io/docs/concepts/containers/images/#image-names',
  }),
  ({ container, path }, ctx) => {
    const image = container['image'];
    if (typeof image !== 'string' || image === '' || image.includes('@')) return;
    const lastSlash = image.lastIndexOf('/');
    const colon = image.indexOf(':', lastSlash + 1);
    const tag = colon < 0 ? undefined : image.slice(colon + 1);
    if (tag !== undefined && tag !== 'latest') return;
    ctx.report({
      rule: 'image-latest',
      path: [...path, 'image'],
      message:
        `${fieldPath(path, ['image'])}: ${JSON.stringify(image)} ` +
        `${tag === undefined ? 'has no tag (it means :latest)' : 'uses :latest'}; pin a version or digest so every run uses ` +
        `the same image`,
    });
  },
);
