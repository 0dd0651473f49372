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
      return {
        templatePath,
        spec,
        path: templatePath.child('spec'),
        metadata: obj(job.template?.['metadata']),
        gates: ctx.gates,
        dropped,
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
      for (const view of podTemplates(ctx)) reportErrors(ctx, text.id, validate(view));
    },
  };
}

/** containersOf visits init containers, containers and ephemeral containers, in that order. */
export function containersOf(
  view: PodTemplateView,
  kinds: readonly ContainerKind[] = ['initContainers', 'containers', 'ephemeralContainers'],
): ContainerView[] {
  const out: ContainerView[] = [];
  for (const kind of kinds) {
    const items = list(view.spec[kind]);
    if (!items) continue;
    const base = view.path.child(kind);
    items.forEach((item, i) => out.push({ container: obj(item) ?? {}, path: base.index(i), kind }));
  }
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
