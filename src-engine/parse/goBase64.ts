/**
 * The value go-yaml gives a `!!binary` scalar: base64.StdEncoding.DecodeString (padding
 * required; line breaks ignored) read as a Go string, which json.Marshal then writes as UTF-8
 * with invalid bytes replaced by U+FFFD. Undefined when the base64 is invalid.
 */
export function decodeGoBase64(text: string): string | undefined {
  const compact = text.replace(/[\r\n]/g, '');
  if (compact.length % 4 !== 0 || !/^[A-Za-z0-9+/]*(?:={1,2})?$/.test(compact)) return undefined;
  const bytes: number[] = [];
  for (let i = 0; i < compact.length; i += 4) {
    const quad = compact.slice(i, i + 4);
    const padding = quad.endsWith('==') ? 2 : quad.endsWith('=') ? 1 : 0;
    if (padding > 0 && i + 4 < compact.length) return undefined;
    let bits = 0;
    for (let j = 0; j < 4; j++) bits = (bits << 6) | sextet(quad.charCodeAt(j));
    bytes.push((bits >> 16) & 255);
    if (padding < 2) bytes.push((bits >> 8) & 255);
    if (padding < 1) bytes.push(bits & 255);
  }
  return utf8ToString(bytes);
}

function sextet(c: number): number {
  if (c >= 65 && c <= 90) return c - 65;
  if (c >= 97 && c <= 122) return c - 71;
  if (c >= 48 && c <= 57) return c + 4;
  if (c === 43) return 62;
  if (c === 47) return 63;
  return 0; // '=' padding
}

/** UTF-8 bytes to a string, each invalid byte becoming U+FFFD (as Go's json.Marshal does). */
function utf8ToString(bytes: readonly number[]): string {
  let out = '';
  for (let i = 0; i < bytes.length;) {
    const b = bytes[i] as number;
    const need = b < 0x80 ? 0 : b >= 0xc2 && b <= 0xdf ? 1 : b >= 0xe0 && b <= 0xef ? 2 : b >= 0xf0 && b <= 0xf4 ? 3 : -1;
    let code = need === 0 ? b : need === 1 ? b & 0x1f : need === 2 ? b & 0x0f : b & 0x07;
    let ok = need >= 0 && i + need < bytes.length;
    for (let k = 1; ok && k <= need; k++) {
      const next = bytes[i + k];
      if (next === undefined || (next & 0xc0) !== 0x80) ok = false;
      else code = (code << 6) | (next & 0x3f);
    }
    const overlong =
      (need === 2 && code < 0x800) || (need === 3 && (code < 0x10000 || code > 0x10ffff)) || (code >= 0xd800 && code <= 0xdfff);
    if (!ok || overlong) {
      out += '\ufffd';
      i++;
      continue;
    }
    out += String.fromCodePoint(code);
    i += need + 1;
  }
  return out;
}
