/**
 * Name and label checks of apimachinery pkg/util/validation (IsDNS1123Subdomain,
 * IsDNS1123Label, IsQualifiedName, IsValidLabelValue, IsDomainPrefixedPath). Each returns the
 * list of problems in the API server's words; empty means valid.
 */

const DNS1123_LABEL = /^[a-z0-9]([-a-z0-9]*[a-z0-9])?$/;
const DNS1123_SUBDOMAIN = /^[a-z0-9]([-a-z0-9]*[a-z0-9])?(\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*$/;
const QUALIFIED_NAME_PART = /^([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9]$/;
const LABEL_VALUE = /^(([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9])?$/;
const HTTP_PATH = /^[A-Za-z0-9/\-._~%!$&'()*+,;=:]+$/;

const SUBDOMAIN_DETAIL =
  "a lowercase RFC 1123 subdomain must consist of lower case alphanumeric characters, '-' or '.', and must start and end with an alphanumeric character (e.g. 'example.com', regex used for validation is '[a-z0-9]([-a-z0-9]*[a-z0-9])?(\\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*')";
const LABEL_DETAIL =
  "a lowercase RFC 1123 label must consist of lower case alphanumeric characters or '-', and must start and end with an alphanumeric character (e.g. 'my-name',  or '123-abc', regex used for validation is '[a-z0-9]([-a-z0-9]*[a-z0-9])?')";
const QUALIFIED_DETAIL =
  "name part must consist of alphanumeric characters, '-', '_' or '.', and must start and end with an alphanumeric character (e.g. 'MyName',  or 'my.name',  or '123-abc', regex used for validation is '([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9]')";
const LABEL_VALUE_DETAIL =
  "a valid label must be an empty string or consist of alphanumeric characters, '-', '_' or '.', and must start and end with an alphanumeric character (e.g. 'MyValue',  or 'my_value',  or '12345', regex used for validation is '(([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9])?')";

/** Bytes of a string in UTF-8 (the API server measures lengths in bytes). */
export function utf8Length(s: string): number {
  let n = 0;
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    if (c < 0x80) n += 1;
    else if (c < 0x800) n += 2;
    else if (c >= 0xd800 && c <= 0xdbff) {
      n += 4;
      i++;
    } else n += 3;
  }
  return n;
}

export function isDns1123Subdomain(value: string): string[] {
  const errors: string[] = [];
  if (value.length > 253) errors.push('must be no more than 253 characters');
  if (!DNS1123_SUBDOMAIN.test(value)) errors.push(SUBDOMAIN_DETAIL);
  return errors;
}

export function isDns1123Label(value: string): string[] {
  const errors: string[] = [];
  if (value.length > 63) errors.push('must be no more than 63 characters');
  if (!DNS1123_LABEL.test(value)) errors.push(value.includes('.') ? 'must not contain dots' : LABEL_DETAIL);
  return errors;
}

/**
 * IsQualifiedName, since v1.35 content.IsLabelKey (apimachinery pkg/api/validate/content/kube.go):
 * the error details, none when valid; the name part's pattern is checked even when it is empty,
 * and lengths are in bytes. Not memoised: bench/lint.mjs measured no figure a memo buys.
 */
export function isQualifiedName(value: string): string[] {
  // The common case, a valid key without a prefix, decided without splitting (the pattern is ASCII, so length is bytes).
  if (value.length <= 63 && value.indexOf('/') < 0 && QUALIFIED_NAME_PART.test(value)) return [];
  const slash = value.split('/');
  let name = value;
  const errors: string[] = [];
  if (slash.length === 2) {
    const [prefix, rest] = slash as [string, string];
    name = rest;
    if (prefix.length === 0) errors.push('prefix part must be non-empty');
    else errors.push(...isDns1123Subdomain(prefix).map((e) => `prefix part ${e.replace('253 characters', '253 bytes')}`));
  } else if (slash.length > 2) {
    const pattern = QUALIFIED_DETAIL.slice('name part '.length);
    return [`a valid label key ${pattern} with an optional DNS subdomain prefix and '/' (e.g. 'example.com/MyName')`];
  }
  if (name.length === 0) errors.push('name part must be non-empty');
  else if (utf8Length(name) > 63) errors.push('name part must be no more than 63 bytes');
  if (!QUALIFIED_NAME_PART.test(name)) errors.push(QUALIFIED_DETAIL);
  return errors;
}

export function isValidLabelValue(value: string): string[] {
  const errors: string[] = [];
  if (utf8Length(value) > 63) errors.push('must be no more than 63 bytes');
  if (!LABEL_VALUE.test(value)) errors.push(LABEL_VALUE_DETAIL);
  return errors;
}

/** IsDomainPrefixedPath: `host/path`, host a DNS subdomain, path of URL path characters. */
export function isDomainPrefixedPath(value: string): string[] {
  const slash = value.indexOf('/');
  if (slash < 0) return ['must be a domain-prefixed path (such as "acme.io/foo")'];
  const host = value.slice(0, slash);
  const path = value.slice(slash + 1);
  const errors = isDns1123Subdomain(host);
  if (path.length === 0 || !HTTP_PATH.test(path)) {
    errors.push(`path must match the regex ${"[A-Za-z0-9/\\-._~%!$&'()*+,;=:]+"}`);
  }
  return errors;
}

/** InclusiveRangeError's wording. */
export function inclusiveRangeError(lo: number, hi: number): string {
  return `must be between ${lo} and ${hi}, inclusive`;
}

/**
 * NameIsDNSSubdomain (apimachinery api/validation): with `prefix` (a name that gets a suffix
 * appended, as envFrom's configMapRef.name is read) a trailing dash is masked first, exactly as
 * Kubernetes' maskTrailingDash does it (the last two characters become "a").
 */
export function nameIsDnsSubdomain(name: string, prefix: boolean): string[] {
  return isDns1123Subdomain(prefix && name.length > 1 && name.endsWith('-') ? `${name.slice(0, -2)}a` : name);
}

const DNS1123_SUBDOMAIN_UNDERSCORE = /^_?[a-z0-9]([-_a-z0-9]*[a-z0-9])?(\._?[a-z0-9]([-_a-z0-9]*[a-z0-9])?)*$/;

/** IsDNS1123SubdomainWithUnderscore (dnsConfig.searches with RelaxedDNSSearchValidation). */
export function isDns1123SubdomainWithUnderscore(value: string): string[] {
  const errors: string[] = [];
  if (value.length > 253) errors.push('must be no more than 253 characters');
  if (!DNS1123_SUBDOMAIN_UNDERSCORE.test(value)) {
    errors.push(
      "a lowercase RFC 1123 subdomain must consist of lower case alphanumeric characters, '_', '-' or '.', and must " +
        "start and end with an alphanumeric character (e.g. 'example.com', regex used for validation is " +
        "'_?[a-z0-9]([-_a-z0-9]*[a-z0-9])?(\\._?[a-z0-9]([-_a-z0-9]*[a-z0-9])?)*')",
    );
  }
  return errors;
}

/** IsValidPortName: an IANA service name, at most 15 of [-a-z0-9] with a letter, no `--`, no edge dash. */
export function isValidPortName(port: string): string[] {
  const errors: string[] = [];
  if (port.length > 15) errors.push('must be no more than 15 characters');
  if (!/^[-a-z0-9]+$/.test(port)) errors.push('must contain only alpha-numeric characters (a-z, 0-9), and hyphens (-)');
  if (!/[a-z]/.test(port)) errors.push('must contain at least one letter (a-z)');
  if (port.includes('--')) errors.push('must not contain consecutive hyphens');
  if (port.length > 0 && (port.startsWith('-') || port.endsWith('-'))) errors.push('must not begin or end with a hyphen');
  return errors;
}

/** IsValidPortNum: 1..65535. */
export function isValidPortNum(port: number): string[] {
  return port >= 1 && port <= 65535 ? [] : [inclusiveRangeError(1, 65535)];
}

/** hasChDirPrefix: `.`, `..` and names starting with `..` are refused for env names and keys. */
function chDirPrefixErrors(value: string): string[] {
  if (value === '.') return ["must not be '.'"];
  if (value === '..') return ["must not be '..'"];
  return value.startsWith('..') ? ["must not start with '..'"] : [];
}

/** IsEnvVarName (the strict rule, before RelaxedEnvironmentVariableValidation). */
export function isEnvVarName(value: string): string[] {
  const errors = /^[-._a-zA-Z][-._a-zA-Z0-9]*$/.test(value)
    ? []
    : [
        "a valid environment variable name must consist of alphabetic characters, digits, '_', '-', or '.', and must not start " +
          "with a digit (e.g. 'my.env-name',  or 'MY_ENV.NAME',  or 'MyEnvName1', regex used for validation is " +
          "'[-._a-zA-Z][-._a-zA-Z0-9]*')",
      ];
  return [...errors, ...chDirPrefixErrors(value)];
}

/** IsRelaxedEnvVarName: any printable ASCII but `=`. */
export function isRelaxedEnvVarName(value: string): string[] {
  const errors: string[] = [];
  if (value.length === 0) errors.push('environment variable name must be non-empty');
  for (let i = 0; i < value.length; i++) {
    const c = value.charCodeAt(i);
    if (c < 0x20 || c > 0x7e || c === 0x3d) {
      errors.push("a valid environment variable name must consist only of printable ASCII characters other than '='");
      break;
    }
  }
  return errors;
}

/** IsConfigMapKey: a ConfigMap or Secret key. */
export function isConfigMapKey(value: string): string[] {
  const errors: string[] = [];
  if (value.length > 253) errors.push('must be no more than 253 characters');
  if (!/^[-._a-zA-Z0-9]+$/.test(value)) {
    errors.push(
      "a valid config key must consist of alphanumeric characters, '-', '_' or '.' (e.g. 'key.name',  or 'KEY_NAME', " +
        " or 'key-name', regex used for validation is '[-._a-zA-Z0-9]+')",
    );
  }
  return [...errors, ...chDirPrefixErrors(value)];
}

/** IsHTTPHeaderName. */
export function isHttpHeaderName(value: string): string[] {
  return /^[-A-Za-z0-9]+$/.test(value)
    ? []
    : [
        "a valid HTTP header must consist of alphanumeric characters or '-' (e.g. 'X-Header-Name', regex used for validation is " +
          "'[-A-Za-z0-9]+')",
      ];
}
