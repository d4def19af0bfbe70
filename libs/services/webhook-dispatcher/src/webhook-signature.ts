import { createHmac } from 'node:crypto';

/** The header carrying the signature: `t=<unix seconds>,v1=<hex HMAC-SHA256 of "<t>.<body>" keyed with the secret_key>`. */
export const SIGNATURE_HEADER = 'x-switchboard-signature';

/** Stripe-style signature of a webhook body: receivers recompute it and compare, and refuse an old `t` (replays). */
export function signWebhook(secret: string, body: string, unixSeconds: number): string {
  const mac = createHmac('sha256', secret).update(`${unixSeconds}.${body}`).digest('hex');
  return `t=${unixSeconds},v1=${mac}`;
}
