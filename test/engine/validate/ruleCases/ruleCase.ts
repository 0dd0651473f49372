import type { KubernetesVersion } from '../../../../src-engine';

/** A manifest that must produce one finding of `rule`. */
export interface RuleCase {
  readonly rule: string;
  readonly name: string;
  readonly text: string;
  /** The field the finding must name (API notation). */
  readonly field?: string;
  /** A substring of the message. */
  readonly message?: string;
  /** The Kubernetes version that judges it (default: the newest). */
  readonly version?: KubernetesVersion;
}

/** A manifest every check must accept without an error (and the advice too, when quiet). */
export interface ValidCase {
  readonly name: string;
  readonly text: string;
  readonly quiet?: boolean;
}

export const long = (n: number): string => 'a'.repeat(n);
/** Nine levels of ten aliases each: "billion laughs" as top-level fields. */
const laughLevel = (i: number): string =>
  i === 0
    ? `x0: &a0 [${'x, '.repeat(9)}x]\n`
    : `x${i}: &a${i} [${Array(10)
        .fill(`*a${i - 1}`)
        .join(', ')}]\n`;
export const LAUGHS = Array.from({ length: 9 }, (_, i) => laughLevel(i)).join('');
export const OWNER = { apiVersion: 'v1', kind: 'ConfigMap' };
