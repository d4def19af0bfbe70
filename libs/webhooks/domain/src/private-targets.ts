/**
 * Webhook targets a multi-tenant server should not POST to: addresses of its
 * own host and network (WEBHOOK_BLOCK_PRIVATE_TARGETS; ADR 0042). Pure text
 * checks — what a host name resolves to is the dispatcher's to check when it
 * delivers.
 */

type Range = readonly [base: number[], bits: number, kind: string];

const IPV4_RANGES: readonly Range[] = [
  [[0, 0, 0, 0], 8, 'this-network'],
  [[10, 0, 0, 0], 8, 'private'],
  [[100, 64, 0, 0], 10, 'shared (carrier-grade NAT)'],
  [[127, 0, 0, 0], 8, 'loopback'],
  [[169, 254, 0, 0], 16, 'link-local'],
  [[172, 16, 0, 0], 12, 'private'],
  [[192, 168, 0, 0], 16, 'private'],
];

/** As 16-bit words; `::` and `::1` are matched exactly, IPv4-mapped addresses by their IPv4 address. */
const IPV6_RANGES: readonly Range[] = [
  [[0xfc00], 7, 'unique-local'],
  [[0xfe80], 10, 'link-local'],
];

function inRange(parts: readonly number[], [base, bits]: Range, width: number): boolean {
  for (let i = 0; bits > 0; i++, bits -= width) {
    const mask = bits >= width ? 2 ** width - 1 : (2 ** width - 1) ^ (2 ** (width - bits) - 1);
    if ((parts[i] & mask) !== ((base[i] ?? 0) & mask)) return false;
  }
  return true;
}

/** The four bytes of a dotted-quad IPv4 address, or undefined. */
function ipv4Bytes(text: string): number[] | undefined {
  const parts = text.split('.');
  if (parts.length !== 4 || !parts.every((p) => /^\d{1,3}$/.test(p) && Number(p) <= 255)) return undefined;
  return parts.map(Number);
}

/** The eight words of an IPv6 address (a zone and a trailing dotted quad allowed), or undefined. */
function ipv6Words(address: string): number[] | undefined {
  const text = address.replace(/%.*$/, '');
  const halves = text.split('::');
  if (halves.length > 2) return undefined;
  const words = (part: string): number[] | undefined => {
    if (part === '') return [];
    const out: number[] = [];
    const pieces = part.split(':');
    for (const [i, piece] of pieces.entries()) {
      const quad = i === pieces.length - 1 && piece.includes('.') ? ipv4Bytes(piece) : undefined;
      if (quad) out.push((quad[0] << 8) | quad[1], (quad[2] << 8) | quad[3]);
      else if (/^[0-9a-f]{1,4}$/i.test(piece)) out.push(parseInt(piece, 16));
      else return undefined;
    }
    return out;
  };
  const left = words(halves[0]);
  const right = halves.length === 2 ? words(halves[1]) : [];
  if (!left || !right) return undefined;
  const missing = 8 - left.length - right.length;
  if (halves.length === 1 ? missing !== 0 : missing < 1) return undefined;
  return [...left, ...new Array<number>(missing).fill(0), ...right];
}

/** What kind of non-public address `ip` is; undefined for a public one or for text that is no IP address. */
function privateKind(ip: string): string | undefined {
  const bytes = ipv4Bytes(ip);
  if (bytes) return IPV4_RANGES.find((range) => inRange(bytes, range, 8))?.[2];
  const words = ipv6Words(ip.replace(/^\[|\]$/g, ''));
  if (!words) return undefined;
  const zerosBefore = (n: number) => words.slice(0, n).every((w) => w === 0);
  if (zerosBefore(7) && words[7] <= 1) return words[7] === 0 ? 'unspecified' : 'loopback';
  if (zerosBefore(5) && words[5] === 0xffff) {
    return privateKind([words[6] >> 8, words[6] & 0xff, words[7] >> 8, words[7] & 0xff].join('.'));
  }
  return IPV6_RANGES.find((range) => inRange(words, range, 16))?.[2];
}

/**
 * Whether `ip` (IPv4 dotted quad, or IPv6 with or without brackets) is a
 * loopback, private, shared, link-local, unique-local or unspecified
 * address, IPv4-mapped IPv6 addresses judged by their IPv4 address. Text
 * that is no IP address is not one.
 */
export function isPrivateAddress(ip: string): boolean {
  return privateKind(ip) !== undefined;
}

/**
 * Why a webhook URL names this host or its network — a literal private IP
 * address or `localhost` / `*.localhost` — or undefined when it does not
 * (nor when it is no URL at all: the schema refuses those).
 */
export function privateTargetOf(url: string): string | undefined {
  if (!URL.canParse(url)) return undefined;
  // The URL parser already writes 0x7f.1, 2130706433 and the like as dotted quads.
  const host = new URL(url).hostname.toLowerCase().replace(/\.$/, '');
  if (host === 'localhost' || host.endsWith('.localhost')) return `${host} is this host`;
  const kind = privateKind(host);
  return kind && `${host} is a ${kind} address`;
}
