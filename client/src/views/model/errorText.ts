/**
 * Turns what a failed cluster request throws (Node socket errors such as `connect
 * ECONNREFUSED 127.0.0.1:6443`, TLS errors, the API server's Status) into one sentence a person
 * can act on: what was being done, to which object, on which context, and what to check.
 */

/** What the user was doing when the error happened. */
export interface FailedAction {
  /** A verb phrase: `suspend CronJob demo/nightly`, `list the namespaces`. */
  readonly doing: string;
  /** The kubeconfig context. */
  readonly context: string;
  /** The API server URL of the context, when known. */
  readonly server?: string;
}

interface ErrorShape {
  readonly message?: unknown;
  readonly code?: unknown;
  readonly status?: { readonly message?: string; readonly reason?: string };
}

const SOCKET_CAUSES: Readonly<Record<string, string>> = {
  ECONNREFUSED: 'refused the connection: is the cluster running, and is the server address in the kubeconfig right?',
  ECONNRESET: 'closed the connection in the middle of the request: the server or a proxy restarted, or the network dropped',
  EHOSTUNREACH: 'cannot be reached from this machine: check the network, VPN or proxy',
  ENETUNREACH: 'cannot be reached from this machine: check the network, VPN or proxy',
  ENOTFOUND: 'has a host name that does not resolve: check the server address in the kubeconfig and your DNS or VPN',
  EAI_AGAIN: 'has a host name that could not be resolved just now (DNS lookup failed): check your network or VPN',
  ETIMEDOUT: 'did not answer in time: the cluster may be down or unreachable from this network',
  EPIPE: 'closed the connection while the request was being sent',
  CERT_HAS_EXPIRED: 'presented a TLS certificate that has expired: renew the credentials in the kubeconfig',
  DEPTH_ZERO_SELF_SIGNED_CERT:
    'presented a self-signed TLS certificate the kubeconfig does not trust (certificate-authority-data)',
  SELF_SIGNED_CERT_IN_CHAIN: 'presented a TLS certificate chain the kubeconfig does not trust (certificate-authority-data)',
  UNABLE_TO_VERIFY_LEAF_SIGNATURE: 'presented a TLS certificate the kubeconfig cannot verify (certificate-authority-data)',
  ERR_TLS_CERT_ALTNAME_INVALID: 'presented a TLS certificate for another host name than the one in the kubeconfig',
};

/** The HTTP statuses people meet, said as what they mean for the action. */
function statusCause(code: number, message: string): string | undefined {
  switch (code) {
    case 401:
      return `did not accept your credentials (401 Unauthorized): log in again or check the context's user. ${message}`;
    case 403:
      return `refused it: ${message || 'forbidden'} (RBAC; ask for the permission or use another context)`;
    case 404:
      return `does not have it any more: ${message || 'not found'} (it was deleted, perhaps by a TTL or history limit)`;
    case 409:
      return `reported a conflict: ${message || 'the object changed meanwhile'}; try again`;
    case 422:
      return `rejected the request as invalid: ${message}`;
    case 429:
      return 'is throttling requests (429 Too Many Requests); try again in a moment';
    default:
      return code >= 500
        ? `failed with HTTP ${code}: ${message || 'internal error'}; try again, and check the cluster's health if it persists`
        : undefined;
  }
}

/**
 * actionErrorSentence words a failure as `Could not <doing> on context <context>: the API
 * server (<url>) <cause>.` Unknown errors keep their own message.
 */
export function actionErrorSentence(action: FailedAction, error: unknown): string {
  const e = (typeof error === 'object' && error !== null ? error : {}) as ErrorShape;
  const message = typeof e.message === 'string' ? e.message : String(error);
  const server = action.server ? ` (${action.server})` : '';
  const lead = `Could not ${action.doing} on context ${action.context}`;
  const socketCode = typeof e.code === 'string' ? e.code : /\b(E[A-Z]{4,}|CERT_[A-Z_]+)\b/.exec(message)?.[1];
  const socket = socketCode ? SOCKET_CAUSES[socketCode] : undefined;
  if (socket) return sentence(`${lead}: the API server${server} ${socket}`);
  if (/within \d+ s$/.test(message) || /timed? ?out/i.test(message)) {
    return sentence(`${lead}: the API server${server} ${SOCKET_CAUSES.ETIMEDOUT}`);
  }
  const httpCode = typeof e.code === 'number' ? e.code : undefined;
  const status = httpCode !== undefined ? statusCause(httpCode, e.status?.message ?? message) : undefined;
  if (status) return sentence(`${lead}: the API server${server} ${status.trim()}`);
  return sentence(`${lead}: ${message.trim() || 'unknown error'}`);
}

/** sentence ends a text with one full stop, unless it already ends with a question mark. */
const sentence = (text: string): string => (/[?.]$/.test(text) ? text : `${text}.`);
