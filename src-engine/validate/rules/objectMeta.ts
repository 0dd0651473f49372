import { atLeast } from '../../schema/kubernetesVersion';
import { list, obj, str } from '../context';
import { invalidMessage } from '../fieldErrors';
import { isDns1123Label, isQualifiedName } from '../nameRules';
import type { RuleDefinition } from '../rule';
import { validationRule } from '../rule';

/** Finalizer names without a `/` that Kubernetes knows (core helper standardFinalizers). */
const STANDARD_FINALIZERS = new Set(['kubernetes', 'orphan', 'foregroundDeletion']);
/** Owners the API refuses (apimachinery api/validation BannedOwners). */
const BANNED_OWNERS = new Set(['/v1, Kind=Event']);

/**
 * The rest of ValidateObjectMetaAccessor (apimachinery api/validation/objectmeta.go) on create:
 * the namespace is a DNS-1123 label (ValidateNamespaceName), owner references name their owner
 * fully (validateOwnerReference, ValidateOwnerReferences — paths without list indexes, as the
 * server prints them), and finalizers are qualified names, standard or domain-prefixed
 * (ValidateFinalizers, and core's validateKubeFinalizerName). Labels and annotations are the
 * `labels` rule's.
 */
export const objectMetaRule: RuleDefinition = {
  rules: [
    validationRule({
      id: 'object-meta',
      title: 'Namespace, owner references and finalizers',
      description:
        'metadata.namespace must be a DNS-1123 label; each owner reference needs apiVersion, kind, name and uid ' +
        '(and at most one controller); finalizers are qualified names.',
      docsUrl: 'https://kubernetes.io/docs/concepts/overview/working-with-objects/owners-dependents/',
    }),
  ],
  check(ctx) {
    const meta = ctx.metadata;
    if (!meta) return;
    const namespace = str(meta['namespace']);
    if (namespace) {
      for (const detail of isDns1123Label(namespace)) {
        ctx.report({
          rule: 'object-meta',
          path: ['metadata', 'namespace'],
          message: invalidMessage('metadata.namespace', namespace, detail),
        });
      }
    }
    checkOwnerReferences(ctx, list(meta['ownerReferences']) ?? []);
    checkFinalizers(ctx, list(meta['finalizers']) ?? []);
  },
};

type Ctx = Parameters<NonNullable<RuleDefinition['check']>>[0];

function checkOwnerReferences(ctx: Ctx, references: readonly unknown[]): void {
  const base = 'metadata.ownerReferences';
  let firstController = '';
  references.forEach((raw, index) => {
    const reference = obj(raw) ?? {};
    const apiVersion = str(reference['apiVersion']) ?? '';
    const kind = str(reference['kind']) ?? '';
    const at = ['metadata', 'ownerReferences', index] as const;
    const report = (field: string, value: unknown, detail: string): void => {
      ctx.report({
        rule: 'object-meta',
        path: [...at, field],
        field: `${base}.${field}`,
        message: invalidMessage(`${base}.${field}`, value, detail),
      });
    };
    const version = groupVersion(apiVersion);
    if (version === undefined || version.version === '') report('apiVersion', apiVersion, 'version must not be empty');
    // Up to 1.33 validateOwnerReference named the field in the detail too ("kind must not be empty").
    const empty = (field: string): string => (atLeast(ctx.version, '1.34') ? 'must not be empty' : `${field} must not be empty`);
    if (kind === '') report('kind', kind, empty('kind'));
    if ((str(reference['name']) ?? '') === '') report('name', reference['name'] ?? '', empty('name'));
    if ((str(reference['uid']) ?? '') === '') report('uid', reference['uid'] ?? '', empty('uid'));
    const owner = `${version?.group ?? ''}/${version?.version ?? ''}, Kind=${kind}`;
    if (BANNED_OWNERS.has(owner)) {
      ctx.report({
        rule: 'object-meta',
        path: [...at],
        field: base,
        message: invalidMessage(base, reference, `${owner} is disallowed from being an owner`),
      });
    }
    if (reference['controller'] === true) {
      const current = `${kind}/${str(reference['name']) ?? ''}`;
      if (firstController === '') firstController = current;
      else {
        ctx.report({
          rule: 'object-meta',
          path: [...at, 'controller'],
          field: base,
          message: invalidMessage(
            base,
            references,
            'Only one reference can have Controller set to true. ' +
              `Found "true" in references for ${firstController} and ${current}`,
          ),
        });
      }
    }
  });
}

/** schema.ParseGroupVersion: `v1`, `group/version`; undefined when it has more than one `/`. */
function groupVersion(apiVersion: string): { group: string; version: string } | undefined {
  if (apiVersion === '') return { group: '', version: '' };
  const parts = apiVersion.split('/');
  if (parts.length === 1) return { group: '', version: apiVersion };
  if (parts.length === 2) return { group: parts[0] as string, version: parts[1] as string };
  return undefined;
}

function checkFinalizers(ctx: Ctx, finalizers: readonly unknown[]): void {
  const names = finalizers.filter((f): f is string => typeof f === 'string');
  finalizers.forEach((raw, index) => {
    const finalizer = str(raw);
    if (finalizer === undefined) return;
    for (const detail of isQualifiedName(finalizer)) {
      ctx.report({
        rule: 'object-meta',
        path: ['metadata', 'finalizers', index],
        field: 'metadata.finalizers',
        message: invalidMessage('metadata.finalizers', finalizer, detail),
      });
    }
    if (!finalizer.includes('/') && !STANDARD_FINALIZERS.has(finalizer)) {
      ctx.report({
        rule: 'object-meta',
        path: ['metadata', 'finalizers', index],
        message: invalidMessage(
          `metadata.finalizers[${index}]`,
          finalizer,
          'name is neither a standard finalizer name nor is it fully qualified',
        ),
      });
    }
  });
  if (names.includes('orphan') && names.includes('foregroundDeletion')) {
    ctx.report({
      rule: 'object-meta',
      path: ['metadata', 'finalizers'],
      message: invalidMessage('metadata.finalizers', names, 'finalizer orphan and foregroundDeletion cannot be both set'),
    });
  }
}
