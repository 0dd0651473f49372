/** What every picture of a simulation shares: its colours, the label column, text escaping. */

export const COLORS = {
  succeeded: '#2e9e4f',
  failed: '#d33c3c',
  running: '#3b7dd8',
  pending: '#9bbbe8',
  deleted: '#8a8a8a',
  backoff: '#f0a830',
  deadline: '#e07b00',
  ttl: '#8e44ad',
  condition: '#555555',
  grid: '#e4e4e4',
  text: '#222222',
  muted: '#666666',
};

/** escapeXml makes text safe inside SVG/HTML text and attribute values. */
export function escapeXml(text: string): string {
  return text.replace(/[&<>"']/g, (c) =>
    c === '&' ? '&amp;' : c === '<' ? '&lt;' : c === '>' ? '&gt;' : c === '"' ? '&quot;' : '&#39;',
  );
}

/** Width of the label column left of the plot (row names, weekday names). */
export const LABEL_W = 210;
