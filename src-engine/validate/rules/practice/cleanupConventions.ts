import { list, obj, str } from '../../context';

/**
 * Who else deletes a finished Job, read from its metadata: tools that create Jobs as deploy
 * hooks clean them up by their own annotations, and an owner's garbage collection takes its
 * dependents with it. Returns a sentence naming the evidence, or undefined when nothing does.
 */
export function cleanupByConvention(metadata: Record<string, unknown> | undefined): string | undefined {
  const annotations = obj(metadata?.['annotations']);
  const annotation = (key: string): string | undefined => str(annotations?.[key]);
  const helmPolicy = annotation('helm.sh/hook-delete-policy');
  const argoPolicy = annotation('argocd.argoproj.io/hook-delete-policy');
  if (argoPolicy !== undefined) return `Argo CD deletes it (argocd.argoproj.io/hook-delete-policy: ${argoPolicy})`;
  if (helmPolicy !== undefined) return `Helm deletes it (helm.sh/hook-delete-policy: ${helmPolicy})`;
  // Helm 3 gives a hook without a delete policy before-hook-creation: the previous run is
  // deleted when the hook runs again, so at most one is kept.
  const helmHook = annotation('helm.sh/hook');
  if (helmHook !== undefined) return `it is a Helm hook (helm.sh/hook: ${helmHook}), which Helm deletes before running it again`;
  const owners = list(metadata?.['ownerReferences']) ?? [];
  const owner = owners.map((o) => obj(o)).find((o) => o !== undefined && str(o['kind']) !== undefined);
  if (owner) return `its owner ${str(owner['kind'])}/${str(owner['name']) ?? ''} takes it with it when deleted`;
  return undefined;
}

/** argoCdHookWithoutPolicy names an Argo CD hook that leaves its cleanup to the Argo CD version's default. */
export function argoCdHookWithoutPolicy(metadata: Record<string, unknown> | undefined): string | undefined {
  const annotations = obj(metadata?.['annotations']);
  return str(annotations?.['argocd.argoproj.io/hook']);
}
