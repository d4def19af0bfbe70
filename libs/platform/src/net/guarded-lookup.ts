import { lookup as dnsLookup, LookupAddress } from 'node:dns';
import { LookupFunction } from 'node:net';

/** Thrown by the connect-time lookup: the host resolved to an address we do not connect to. */
export class RefusedAddressError extends Error {
  constructor(readonly host: string) {
    super(`${host} resolves to a private, loopback or link-local address`);
  }
}

/**
 * Resolves like `dns.lookup` but fails when any address of the host is not
 * allowed: the check happens at connect time, on the very addresses the
 * socket is opened to, so a DNS answer that changes between a check and the
 * connection (rebinding) cannot get through.
 */
export function guardedLookup(isAllowed: (address: string) => boolean): LookupFunction {
  return (hostname, options, callback) => {
    dnsLookup(hostname, { ...options, all: true }, (error, addresses: LookupAddress[]) => {
      if (error) return callback(error, '', 0);
      if (addresses.length === 0 || addresses.some((a) => !isAllowed(a.address))) return callback(new RefusedAddressError(hostname), '', 0);
      if ((options as { all?: boolean }).all) return (callback as unknown as (e: null, a: LookupAddress[]) => void)(null, addresses);
      callback(null, addresses[0].address, addresses[0].family);
    });
  };
}

/** The refusal among an error's causes (undici wraps connect errors). */
export function refusedIn(error: unknown): RefusedAddressError | undefined {
  for (let e = error as { cause?: unknown } | undefined, depth = 0; e && depth < 5; e = e.cause as typeof e, depth++) {
    if (e instanceof RefusedAddressError) return e;
  }
  return undefined;
}
