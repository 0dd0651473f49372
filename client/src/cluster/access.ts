import type { Transport } from '../../../kube/transport';
import { requestJson } from '../../../kube/transport';
import { errorMessage } from '../../../kube/apiError';

/** The answer of a SelfSubjectAccessReview. */
export interface AccessDecision {
  readonly allowed: boolean;
  /** Why not, in words a user can act on. */
  readonly reason: string;
}

export interface AccessQuery {
  readonly namespace: string;
  readonly verb: string;
  readonly group: string;
  readonly resource: string;
  readonly subresource?: string;
}

const keyOf = (q: AccessQuery): string => `${q.namespace}|${q.verb}|${q.group}|${q.resource}|${q.subresource ?? ''}`;

/** deniedReason renders a refusal like kubectl's messages: `cannot create jobs in ns prod`. */
export function deniedReason(q: AccessQuery, serverReason?: string): string {
  const what = q.subresource ? `${q.resource}/${q.subresource}` : q.resource;
  const where = q.namespace === '' ? 'at cluster scope' : `in ns ${q.namespace}`;
  return `forbidden: cannot ${q.verb} ${what} ${where}${serverReason ? ` (${serverReason})` : ''}`;
}

/**
 * AccessReviewer asks the API server what the user may do (SelfSubjectAccessReview, the API
 * behind `kubectl auth can-i`) and caches answers for the session, so actions the RBAC rules
 * forbid are shown disabled with the reason instead of failing after a click.
 */
export class AccessReviewer {
  private readonly cache = new Map<string, AccessDecision>();
  private readonly pending = new Map<string, Promise<AccessDecision>>();

  constructor(
    private readonly transport: Transport,
    private readonly onResolved?: (q: AccessQuery, d: AccessDecision) => void,
  ) {}

  /** lookup returns a cached decision, or undefined and starts a review (onResolved fires later). */
  lookup(q: AccessQuery): AccessDecision | undefined {
    const cached = this.cache.get(keyOf(q));
    if (cached) return cached;
    void this.check(q);
    return undefined;
  }

  /** check asks the server (once per query per session). An unanswerable review counts as allowed: the action itself will say. */
  check(q: AccessQuery): Promise<AccessDecision> {
    const key = keyOf(q);
    const cached = this.cache.get(key);
    if (cached) return Promise.resolve(cached);
    let p = this.pending.get(key);
    if (!p) {
      p = this.review(q).then((d) => {
        this.cache.set(key, d);
        this.pending.delete(key);
        this.onResolved?.(q, d);
        return d;
      });
      this.pending.set(key, p);
    }
    return p;
  }

  private async review(q: AccessQuery): Promise<AccessDecision> {
    try {
      const result = await requestJson<{
        status?: { allowed?: boolean; denied?: boolean; reason?: string; evaluationError?: string };
      }>(this.transport, 'POST', '/apis/authorization.k8s.io/v1/selfsubjectaccessreviews', {
        apiVersion: 'authorization.k8s.io/v1',
        kind: 'SelfSubjectAccessReview',
        spec: {
          resourceAttributes: {
            namespace: q.namespace,
            verb: q.verb,
            group: q.group,
            resource: q.resource,
            ...(q.subresource ? { subresource: q.subresource } : {}),
          },
        },
      });
      const allowed = result.status?.allowed === true;
      return { allowed, reason: allowed ? '' : deniedReason(q, result.status?.reason || result.status?.evaluationError) };
    } catch (error) {
      return { allowed: true, reason: `access review failed: ${errorMessage(error)}` };
    }
  }
}
