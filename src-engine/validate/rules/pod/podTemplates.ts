import { ApiPath } from '../../apiPath';
import { list, obj } from '../../context';
import type { RuleContext } from '../../context';
import type { FeatureGates } from '../../featureGates';
import { reportErrors } from '../../fieldErrorList';
import type { FieldErrors } from '../../fieldErrorList';
import { validationRule } from '../../rule';
import type { RuleDefinition, RuleText } from '../../rule';
import { dropDisabledTemplateFields } from './dropDisabledFields';
import type { DroppedField } from './dropDisabledFields';

/**
 * The pod template of a Job (or of a CronJob's job template) as ValidatePodTemplateSpec sees
 * it after the server's defaults (pkg/apis/core/v1/defaults.go) and DropDisabledTemplateFields:
 * the rules of `rules/pod/` read fields through this view.
 */
export interface PodTemplateView {
  /** `spec.template`, or `spec.jobTemplate.spec.template`. */
  readonly templatePath: ApiPath;
  /** The pod spec after the version's DropDisabledTemplateFields (an absent one validates as empty). */
  readonly spec: Record<string, unknown>;
  readonly path: ApiPath;
  readonly metadata: Record<string, unknown> | undefined;
  /** The feature gates of the Kubernetes version that judges the manifest. */
  readonly gates: FeatureGates;
  /** What the server removed from the written pod spec before validating it. */
  readonly dropped: readonly DroppedField[];
  /** The containers of each kind and all of them, listed once per document (most rules visit them: containersOf). */
  readonly containers: Readonly<Record<ContainerKind | 'all', readonly ContainerView[]>>;
}

export type ContainerKind = 'initContainers' | 'containers' | 'ephemeralContainers';

/** One container of the pod with its path (VisitContainersWithPath's order: init, regular, ephemeral). */
export interface ContainerView {
  readonly container: Record<string, unknown>;
  readonly path: ApiPath;
  readonly kind: ContainerKind;
}

const cache = new WeakMap<RuleContext, readonly PodTemplateView[]>();

/** podTemplates lists the pod templates of the document (one, or none when the spec is not an object). */
export function podTemplates(ctx: RuleContext): readonly PodTemplateView[] {
  let views = cache.get(ctx);
  if (!views) {
    views = ctx.jobSpecs.map((job) => {
      const templatePath = ApiPath.root(
        [...job.path, 'template'],
        job.inCronJob ? 'spec.jobTemplate.spec.template' : 'spec.template',
      );
      const { spec, dropped } = dropDisabledTemplateFields(job.podSpec ?? {}, [...job.path, 'template', 'spec'], ctx.gates);
      const path = templatePath.child('spec');
      const initContainers = listContainers(spec, path, 'initContainers');
      const containers = listContainers(spec, path, 'containers');
      const ephemeralContainers = listContainers(spec, path, 'ephemeralContainers');
      return {
        templatePath,
        spec,
        path,
        metadata: obj(job.template?.['metadata']),
        gates: ctx.gates,
        dropped,
        containers: {
          initContainers,
          containers,
          ephemeralContainers,
          all:
            initContainers.length + ephemeralContainers.length === 0
              ? containers
              : [...initContainers, ...containers, ...ephemeralContainers],
        },
      };
    });
    cache.set(ctx, views);
  }
  return views;
}

/**
 * podTemplateRule is one family of ValidatePodTemplateSpec's checks under one rule id: the field
 * errors `validate` finds in each pod template, reported in the API server's words.
 */
export function podTemplateRule(text: RuleText, validate: (view: PodTemplateView) => FieldErrors): RuleDefinition {
  return {
    rules: [validationRule(text)],
    check(ctx) {
      const views = podTemplates(ctx);
      for (let i = 0; i < views.length; i++) reportErrors(ctx, text.id, validate(views[i] as PodTemplateView));
    },
  };
}

const NO_CONTAINERS: readonly ContainerView[] = [];

function listContainers(spec: Record<string, unknown>, podPath: ApiPath, kind: ContainerKind): readonly ContainerView[] {
  const items = list(spec[kind]);
  if (!items) return NO_CONTAINERS;
  const base = podPath.child(kind);
  return items.map((item, i) => ({ container: obj(item) ?? {}, path: base.index(i), kind }));
}

const ALL_KINDS: readonly ContainerKind[] = ['initContainers', 'containers', 'ephemeralContainers'];

/**
 * containersOf visits init containers, containers and ephemeral containers, in that order (or
 * the kinds asked for, in their order).
 */
export function containersOf(view: PodTemplateView, kinds: readonly ContainerKind[] = ALL_KINDS): readonly ContainerView[] {
  if (kinds === ALL_KINDS) return view.containers.all;
  if (kinds.length === 1) return view.containers[kinds[0] as ContainerKind];
  const out: ContainerView[] = [];
  for (let k = 0; k < kinds.length; k++) out.push(...view.containers[kinds[k] as ContainerKind]);
  return out;
}

/** The pod's securityContext (defaulted to empty). */
export function podSecurityContext(view: PodTemplateView): Record<string, unknown> {
  return obj(view.spec['securityContext']) ?? {};
}

/**
 * hostUsers: true unless `hostUsers: false` (the default is true; with the UserNamespacesSupport
 * gate off, as in 1.32, the field was dropped before validation).
 */
export function podUsesHostUsers(view: PodTemplateView): boolean {
  return view.spec['hostUsers'] !== false;
}

/** The pod's OS name when `os` is set, else undefined. */
export function podOs(view: PodTemplateView): string | undefined {
  const os = obj(view.spec['os']);
  return os ? String(os['name'] ?? '') : undefined;
}

/**
 * text reads a string field the way Go's zero value does: absent or null is "". A number or
 * boolean where a string belongs never reaches validation (the decoder rejects it, the
 * field-type rule says so), so it reads as its text rather than adding a second, false finding.
 */
export function text(value: unknown): string {
  if (typeof value === 'string') return value;
  return typeof value === 'number' || typeof value === 'boolean' ? String(value) : '';
}

/** int reads an integer field the way Go's zero value does (non-integers are the type rule's). */
export function num(value: unknown): number {
  return typeof value === 'number' && Number.isInteger(value) ? value : 0;
}

/** present is Go's non-nil pointer: written and not null. */
export function present(value: unknown): boolean {
  return value !== undefined && value !== null;
}
