/**
 * The panels' HTML shell: a fixed page with no data in it. Pure (no VS Code import) so the
 * browser security test renders exactly what the extension serves.
 */

/** makeNonce returns 32 random base64url characters for the script nonce. */
export function makeNonce(random: (size: number) => Uint8Array): string {
  return Buffer.from(random(24)).toString('base64url');
}

/** contentSecurityPolicy allows only our nonce'd script and the extension's own styles and images. */
export function contentSecurityPolicy(nonce: string, cspSource: string): string {
  return [
    `default-src 'none'`,
    `script-src 'nonce-${nonce}'`,
    `style-src ${cspSource}`,
    `img-src ${cspSource} data:`,
    `font-src ${cspSource}`,
  ].join('; ');
}

const escapeAttr = (s: string): string =>
  s.replace(/&/g, '&amp;').replace(/"/g, '&quot;').replace(/</g, '&lt;').replace(/>/g, '&gt;');

/**
 * panelHtml builds the page. Only the CSP source, nonce and asset URIs (all ours) are
 * interpolated, escaped anyway; object data arrives later by postMessage.
 */
export function panelHtml(opts: {
  nonce: string;
  cspSource: string;
  scriptUri: string;
  styleUri: string;
  title: string;
}): string {
  const csp = contentSecurityPolicy(opts.nonce, opts.cspSource);
  return `<!DOCTYPE html>
<html lang="en">
<head>
<meta charset="UTF-8">
<meta http-equiv="Content-Security-Policy" content="${escapeAttr(csp)}">
<meta name="viewport" content="width=device-width, initial-scale=1.0">
<link rel="stylesheet" href="${escapeAttr(opts.styleUri)}">
<title>${escapeAttr(opts.title)}</title>
</head>
<body>
<main id="app" aria-live="polite"><p class="muted">Loading…</p></main>
<script nonce="${escapeAttr(opts.nonce)}" src="${escapeAttr(opts.scriptUri)}"></script>
</body>
</html>`;
}
