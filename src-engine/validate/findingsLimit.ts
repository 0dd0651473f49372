import type { Finding, Range, Severity } from '../model/diagnostic';
import { MAX_FINDINGS_PER_DOCUMENT, MAX_FINDINGS_PER_RULE } from './context';
import type { RuleLevel, SuppressedFindings } from './context';

const SEVERITY_ORDER: readonly Severity[] = ['error', 'warning', 'info', 'hint'];

/**
 * limitFindings keeps at most MAX_FINDINGS_PER_DOCUMENT findings of a document (in reading
 * order) and adds one `findings-limit` finding that counts the rest by rule, with the most
 * severe of their severities, so a hostile or generated manifest gets an answer of bounded
 * size that still says it is not clean.
 */
export function limitFindings(
  findings: Finding[],
  suppressed: SuppressedFindings,
  levelOf: (rule: string) => RuleLevel,
  docsOf: (rule: string) => string | undefined,
  /** Where the summary is drawn; asked only when there is one (most documents have none). */
  where: () => Range,
): Finding[] {
  if (suppressed.size === 0 && findings.length <= MAX_FINDINGS_PER_DOCUMENT) return findings;
  const counts = new Map<string, { count: number; severity: Severity }>();
  for (const [rule, entry] of suppressed) counts.set(rule, { ...entry });
  let kept = findings;
  if (findings.length > MAX_FINDINGS_PER_DOCUMENT) {
    kept = findings.slice(0, MAX_FINDINGS_PER_DOCUMENT);
    for (let i = MAX_FINDINGS_PER_DOCUMENT; i < findings.length; i++) {
      const finding = findings[i] as Finding;
      const entry = counts.get(finding.rule);
      if (entry) entry.count++;
      else counts.set(finding.rule, { count: 1, severity: finding.severity });
    }
  }
  if (counts.size === 0) return kept;
  const level = levelOf('findings-limit');
  if (level === 'off') return kept;
  let total = 0;
  let worst: Severity = 'hint';
  for (const { count, severity } of counts.values()) {
    total += count;
    if (SEVERITY_ORDER.indexOf(severity) < SEVERITY_ORDER.indexOf(worst)) worst = severity;
  }
  const byRule = [...counts]
    .sort((a, b) => b[1].count - a[1].count)
    .map(([rule, { count }]) => `${rule} ${count}`)
    .join(', ');
  const docsUrl = docsOf('findings-limit');
  kept.push({
    rule: 'findings-limit',
    severity: SEVERITY_ORDER.indexOf(worst) < SEVERITY_ORDER.indexOf(level) ? worst : level,
    message:
      `${total} more findings in this document are not shown ` +
      `(kube-jobs shows at most ${MAX_FINDINGS_PER_RULE} per rule and ${MAX_FINDINGS_PER_DOCUMENT} per document): ${byRule}`,
    field: '',
    range: where(),
    ...(docsUrl ? { docsUrl } : {}),
  });
  return kept;
}
