/** The API server's `Status` object (k8s.io/apimachinery/pkg/apis/meta/v1 `Status`), the parts we use. */
export interface ApiStatus {
  readonly kind?: string;
  readonly status?: string;
  readonly message?: string;
  readonly reason?: string;
  readonly code?: number;
  readonly details?: {
    readonly name?: string;
    readonly group?: string;
    readonly kind?: string;
    readonly causes?: readonly { readonly reason?: string; readonly message?: string; readonly field?: string }[];
    readonly retryAfterSeconds?: number;
  };
}

/** statusFromBody parses a Status body, falling back to the raw text as its message. */
export function statusFromBody(body: string): ApiStatus {
  try {
    const parsed = JSON.parse(body) as unknown;
    if (parsed && typeof parsed === 'object' && !Array.isArray(parsed)) return parsed as ApiStatus;
  } catch {
    // Not JSON (a proxy's HTML page, say): keep the text.
  }
  return { message: body.trim().slice(0, 500) };
}

/** ApiError is a non-2xx answer, carrying the server's Status. */
export class ApiError extends Error {
  constructor(
    readonly code: number,
    readonly status: ApiStatus,
    readonly request: string,
  ) {
    super(status.message || `${request}: HTTP ${code}${status.reason ? ` (${status.reason})` : ''}`);
    this.name = 'ApiError';
  }

  /** The Status reason (`Forbidden`, `NotFound`, `Expired`, `Invalid`, `AlreadyExists`…). */
  get reason(): string {
    return this.status.reason ?? '';
  }
}

/** isGone tells a 410 (resourceVersion too old): the client must list again. */
export function isGone(error: unknown): boolean {
  return error instanceof ApiError && (error.code === 410 || error.reason === 'Expired' || error.reason === 'Gone');
}

/** isForbidden tells an RBAC refusal. */
export function isForbidden(error: unknown): boolean {
  return error instanceof ApiError && error.code === 403;
}

/** errorMessage renders any thrown value for a user. */
export function errorMessage(error: unknown): string {
  if (error instanceof Error) return error.message;
  return String(error);
}
