/**
 * Engine results → LSP types. The engine already speaks 0-based lines and UTF-16 columns,
 * so this is mostly renaming; it is the only place that knows both vocabularies.
 */
import { DiagnosticSeverity } from 'vscode-languageserver';
import type { Diagnostic, Range as LspRange, TextEdit as LspTextEdit } from 'vscode-languageserver';
import type { Finding, Range, Severity, TextEdit } from '../../src-engine';

/** The `source` shown next to every diagnostic. */
export const DIAGNOSTIC_SOURCE = 'kube-jobs';

export function toLspRange(range: Range): LspRange {
  return {
    start: { line: range.start.line, character: range.start.character },
    end: { line: range.end.line, character: range.end.character },
  };
}

export function toLspSeverity(severity: Severity): DiagnosticSeverity {
  switch (severity) {
    case 'error':
      return DiagnosticSeverity.Error;
    case 'warning':
      return DiagnosticSeverity.Warning;
    case 'info':
      return DiagnosticSeverity.Information;
    case 'hint':
      return DiagnosticSeverity.Hint;
  }
}

/** toDiagnostic: rule id as `code`, the Kubernetes docs page as `codeDescription`. */
export function toDiagnostic(finding: Finding, docsUrl: string | undefined): Diagnostic {
  const href = finding.docsUrl ?? docsUrl;
  return {
    range: toLspRange(finding.range),
    severity: toLspSeverity(finding.severity),
    code: finding.rule,
    ...(href ? { codeDescription: { href } } : {}),
    source: DIAGNOSTIC_SOURCE,
    message: finding.message,
  };
}

/** shiftDiagnostic moves a cached diagnostic down by `lines`. */
export function shiftDiagnostic(diagnostic: Diagnostic, lines: number): Diagnostic {
  const { start, end } = diagnostic.range;
  return {
    ...diagnostic,
    range: {
      start: { line: start.line + lines, character: start.character },
      end: { line: end.line + lines, character: end.character },
    },
  };
}

export function toLspTextEdit(edit: TextEdit): LspTextEdit {
  return { range: toLspRange(edit.range), newText: edit.newText };
}

/** Formats an epoch-ms instant as ISO-8601 with the offset it has in `timeZone`. */
export function formatInZone(epochMs: number, timeZone: string): string {
  const parts = zoneParts(epochMs, timeZone);
  if (!parts) return new Date(epochMs).toISOString();
  const offset = offsetMinutes(epochMs, timeZone) ?? 0;
  return `${parts.date}T${parts.time}${formatOffset(offset)}`;
}

const shortFormatters = new Map<string, Intl.DateTimeFormat>();

/** Short human form: `Mon 2026-12-07 09:00 CET`. */
export function formatShort(epochMs: number, timeZone: string): string {
  try {
    let format = shortFormatters.get(timeZone);
    if (!format) {
      // Building a formatter costs far more than using one; hovers format 15 instants.
      format = new Intl.DateTimeFormat('en-US', {
        timeZone,
        weekday: 'short',
        year: 'numeric',
        month: '2-digit',
        day: '2-digit',
        hour: '2-digit',
        minute: '2-digit',
        hourCycle: 'h23',
        timeZoneName: 'short',
      });
      shortFormatters.set(timeZone, format);
    }
    const parts = format.formatToParts(new Date(epochMs));
    const get = (type: Intl.DateTimeFormatPartTypes): string => parts.find((p) => p.type === type)?.value ?? '';
    return `${get('weekday')} ${get('year')}-${get('month')}-${get('day')} ${get('hour')}:${get('minute')} ${get('timeZoneName')}`;
  } catch {
    return new Date(epochMs).toISOString();
  }
}

/** offsetMinutes is the zone's UTC offset at an instant (east positive), or undefined for an unknown zone. */
export function offsetMinutes(epochMs: number, timeZone: string): number | undefined {
  const parts = zoneParts(epochMs, timeZone);
  if (!parts) return undefined;
  const asUtc = Date.parse(`${parts.date}T${parts.time}Z`);
  return Math.round((asUtc - Math.floor(epochMs / 1000) * 1000) / 60000);
}

export function formatOffset(minutes: number): string {
  const sign = minutes < 0 ? '-' : '+';
  const abs = Math.abs(minutes);
  return `${sign}${String(Math.floor(abs / 60)).padStart(2, '0')}:${String(abs % 60).padStart(2, '0')}`;
}

const formatters = new Map<string, Intl.DateTimeFormat>();

function zoneParts(epochMs: number, timeZone: string): { date: string; time: string } | undefined {
  let format = formatters.get(timeZone);
  if (!format) {
    try {
      format = new Intl.DateTimeFormat('en-US', {
        timeZone,
        year: 'numeric',
        month: '2-digit',
        day: '2-digit',
        hour: '2-digit',
        minute: '2-digit',
        second: '2-digit',
        hourCycle: 'h23',
      });
    } catch {
      return undefined;
    }
    formatters.set(timeZone, format);
  }
  const parts = format.formatToParts(new Date(epochMs));
  const get = (type: Intl.DateTimeFormatPartTypes): string => parts.find((p) => p.type === type)?.value ?? '00';
  return { date: `${get('year')}-${get('month')}-${get('day')}`, time: `${get('hour')}:${get('minute')}:${get('second')}` };
}
