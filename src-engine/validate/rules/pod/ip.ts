/**
 * IsValidIPForLegacyField (apimachinery pkg/util/validation/ip.go), for hostAliases[].ip and
 * dnsConfig.nameservers: netutils.ParseIPSloppy accepts IPv4 octets with leading zeros (read as
 * decimal) and IPv6 in any valid form; with StrictIPCIDRValidation on (beta from 1.36) leading
 * zeros and IPv4-mapped IPv6 addresses are refused too (netip.ParseAddr's rules).
 */
const IPV4 = /^(\d{1,3})\.(\d{1,3})\.(\d{1,3})\.(\d{1,3})$/;
const INVALID = 'must be a valid IP address, (e.g. 10.9.8.7 or 2001:db8::ffff)';

function ipv4Octets(value: string): string[] | undefined {
  const match = IPV4.exec(value);
  return match && match.slice(1).every((octet) => Number(octet) <= 255) ? match.slice(1) : undefined;
}

/** The eight 16-bit groups of an IPv6 address (an embedded IPv4 as two), or undefined. */
function ipv6Groups(value: string): { groups: number[]; v4?: string[] } | undefined {
  if (!value.includes(':')) return undefined;
  const halves = value.split('::');
  if (halves.length > 2) return undefined;
  const split = (part: string): string[] => (part === '' ? [] : part.split(':'));
  const head = split(halves[0]!);
  const tail = halves.length === 2 ? split(halves[1]!) : [];
  let v4: string[] | undefined;
  const last = tail.length > 0 ? tail : head;
  const end = last[last.length - 1];
  if (end !== undefined && end.includes('.')) {
    v4 = ipv4Octets(end);
    if (!v4) return undefined;
    last.pop();
  }
  const hex = (g: string): number | undefined => (/^[0-9a-fA-F]{1,4}$/.test(g) ? parseInt(g, 16) : undefined);
  const headGroups = head.map(hex);
  const tailGroups = tail.map(hex);
  if ([...headGroups, ...tailGroups].some((g) => g === undefined)) return undefined;
  const v4Groups = v4 ? [Number(v4[0]) * 256 + Number(v4[1]), Number(v4[2]) * 256 + Number(v4[3])] : [];
  const count = headGroups.length + tailGroups.length + v4Groups.length;
  if (halves.length === 2 ? count >= 8 : count !== 8) return undefined;
  const zeros = new Array<number>(8 - count).fill(0);
  return { groups: [...(headGroups as number[]), ...zeros, ...(tailGroups as number[]), ...v4Groups], ...(v4 ? { v4 } : {}) };
}

const leadingZero = (octets: readonly string[]): boolean => octets.some((o) => o.length > 1 && o.startsWith('0'));

/** ipErrors: the details IsValidIPForLegacyField reports for a value, none when it is valid. */
export function ipErrors(value: string, strict: boolean): string[] {
  const v4 = ipv4Octets(value);
  const v6 = v4 ? undefined : ipv6Groups(value);
  if (!v4 && !v6) return [INVALID];
  if (!strict) return [];
  const errors: string[] = [];
  if (leadingZero(v4 ?? v6?.v4 ?? [])) errors.push('must not have leading 0s');
  const groups = v6?.groups;
  if (groups && groups.slice(0, 5).every((g) => g === 0) && groups[5] === 0xffff) {
    errors.push('must not be an IPv4-mapped IPv6 address');
  }
  return errors;
}
