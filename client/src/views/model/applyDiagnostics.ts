import type { ManifestDocument, Range } from '../../../../src-engine';
import { rangeOfField } from '../../../../src-engine';

/** The Status parts that carry field errors. */
export interface StatusLike {
  readonly message?: string;
  readonly reason?: string;
  readonly details?: {
    readonly causes?: readonly { readonly reason?: string; readonly message?: string; readonly field?: string }[];
  };
}

/** A problem to draw in the editor. */
export interface ApplyProblem {
  readonly range: Range;
  readonly message: string;
  readonly code: string;
}

/**
 * problemsFromStatus places an API error on the manifest's lines: each `details.causes[]`
 * entry on its field (`spec.template.spec.containers[0].image`), or the whole message on the
 * object's first line when the server named no field. Kubernetes' own words are kept.
 */
export function problemsFromStatus(document: ManifestDocument, status: StatusLike, fallbackMessage: string): ApplyProblem[] {
  const causes = status.details?.causes ?? [];
  const code = status.reason || 'ApiError';
  const withField = causes.filter((c) => c.field);
  if (withField.length > 0) {
    return withField.map((c) => ({
      range: rangeOfField(document, stripLeadingDot(c.field ?? '')),
      message: `${c.field}: ${c.message ?? c.reason ?? 'invalid'}`,
      code,
    }));
  }
  return [{ range: rangeOfField(document, 'kind', 'key'), message: status.message || fallbackMessage, code }];
}

function stripLeadingDot(field: string): string {
  return field.replace(/^\./, '').replace(/^\$\./, '');
}
