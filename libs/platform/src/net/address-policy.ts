import { isIP, isIPv4, isIPv6 } from 'node:net';

/** IPv4 ranges a page fetched for a customer may not be on: this network, private, shared, loopback, link-local, special, documentation, multicast, reserved. */
const REFUSED_IPV4: Array<[string, number]> = [
  ['0.0.0.0', 8],
  ['10.0.0.0', 8],
  ['100.64.0.0', 10],
  ['127.0.0.0', 8],
  ['169.254.0.0', 16],
  ['172.16.0.0', 12],
  ['192.0.0.0', 24],
  ['192.0.2.0', 24],
  ['192.88.99.0', 24],
  ['192.168.0.0', 16],
  ['198.18.0.0', 15],
  ['198.51.100.0', 24],
  ['203.0.113.0', 24],
  ['224.0.0.0', 4],
  ['240.0.0.0', 4],
];

/** IPv6 ranges refused outright (those embedding an IPv4 address are judged by it, see {@link embeddedIpv4}). */
const REFUSED_IPV6: Array<[string, number]> = [
  ['::', 96], // unspecified, loopback and the deprecated IPv4-compatible form
  ['100::', 64], // discard
  ['2001::', 23], // IETF protocol assignments (Teredo, ORCHID, …)
  ['2001:db8::', 32], // documentation
  ['fc00::', 7], // unique local
  ['fe80::', 10], // link-local
  ['fec0::', 10], // site-local (deprecated)
  ['ff00::', 8], // multicast
];

function ipv4Number(address: string): number {
  return address.split('.').reduce((n, part) => n * 256 + Number(part), 0);
}

/** The eight 16-bit words of an IPv6 address (a trailing dotted quad and a zone allowed); undefined if it is none. */
export function ipv6Words(address: string): number[] | undefined {
  let text = address.replace(/%.*$/, '');
  if (!isIPv6(text)) return undefined;
  const quad = /(\d+\.\d+\.\d+\.\d+)$/.exec(text);
  if (quad) {
    const n = ipv4Number(quad[1]);
    text = `${text.slice(0, quad.index)}${(n >>> 16).toString(16)}:${(n & 0xffff).toString(16)}`;
  }
  const [head, tail] = text.split('::');
  const words = (part: string | undefined) => (part ? part.split(':').map((w) => parseInt(w, 16)) : []);
  const left = words(head);
  const right = tail === undefined ? [] : words(tail);
  const zeros = tail === undefined ? [] : new Array<number>(8 - left.length - right.length).fill(0);
  return [...left, ...zeros, ...right];
}

function inIpv6Range(words: number[], [base, bits]: [string, number]): boolean {
  const baseWords = ipv6Words(base)!;
  for (let i = 0; i < 8 && bits > 0; i++, bits -= 16) {
    const mask = bits >= 16 ? 0xffff : (0xffff << (16 - bits)) & 0xffff;
    if ((words[i] & mask) !== (baseWords[i] & mask)) return false;
  }
  return true;
}

/**
 * The IPv4 address inside an IPv4-mapped (`::ffff:a.b.c.d`), NAT64
 * (`64:ff9b::a.b.c.d`) or 6to4 (`2002:AABB:CCDD::`) address: where the packets
 * really go.
 */
function embeddedIpv4(words: number[]): string | undefined {
  const quad = (high: number, low: number) => [high >> 8, high & 0xff, low >> 8, low & 0xff].join('.');
  if (words.slice(0, 5).every((w) => w === 0) && words[5] === 0xffff) return quad(words[6], words[7]);
  if (words[0] === 0x64 && words[1] === 0xff9b && words.slice(2, 6).every((w) => w === 0)) return quad(words[6], words[7]);
  if (words[0] === 0x2002) return quad(words[1], words[2]);
  return undefined;
}

/**
 * Whether an IP address is on the public internet: private, loopback,
 * link-local, unique-local, multicast, documentation and reserved addresses
 * are not, in either family, nor IPv6 addresses that carry such an IPv4
 * address. Anything that is not an IP address is not public either.
 */
export function isPublicAddress(address: string): boolean {
  if (isIPv4(address)) {
    const n = ipv4Number(address);
    return !REFUSED_IPV4.some(([base, bits]) => n >>> (32 - bits) === ipv4Number(base) >>> (32 - bits));
  }
  const words = ipv6Words(address);
  if (!words) return false;
  const ipv4 = embeddedIpv4(words);
  if (ipv4 !== undefined) return isPublicAddress(ipv4);
  return !REFUSED_IPV6.some((range) => inIpv6Range(words, range));
}

/**
 * Why a URL's host is not a public one, judged on its text alone (localhost,
 * or an IP literal in any notation the URL parser accepts); undefined when it
 * may be public. A host name's addresses are checked when connecting
 * ({@link isPublicAddress} with the guarded lookup).
 */
export function privateTargetOf(url: string): string | undefined {
  if (!URL.canParse(url)) return undefined;
  const hostname = new URL(url).hostname.toLowerCase().replace(/\.$/, '');
  if (hostname === 'localhost' || hostname.endsWith('.localhost')) return `${hostname} is this host`;
  const address = hostname.replace(/^\[|\]$/g, '');
  if (isIP(address) && !isPublicAddress(address)) return `${hostname} is a loopback, private, shared or link-local address`;
  return undefined;
}
