import { guardedLookup, isPublicAddress, privateTargetOf, refusedIn } from '@switchboard/platform';
import { Agent, request } from 'undici';
import { Delivery, DeliveryOutcome } from './delivery-store';
import { SIGNATURE_HEADER, signWebhook } from './webhook-signature';

export interface SenderSettings {
  /** Connect, response headers and body each within this (LiveChat's receivers expect 10 s). */
  timeoutMs: number;
  /** Connections kept per receiver (scheme, host and port). */
  connectionsPerReceiver: number;
  /** Refuse receivers on private, loopback or link-local addresses (multi-tenant hosting). */
  blockPrivateTargets: boolean;
}

/** Headers every delivery carries besides the signature. */
export const DELIVERY_ID_HEADER = 'x-switchboard-delivery';
export const ATTEMPT_HEADER = 'x-switchboard-attempt';

const USER_AGENT = 'Switchboard-Webhooks/1.0';

/**
 * POSTs deliveries with undici: pooled keep-alive connections per receiver,
 * redirects not followed (a 3xx is a failure), a timeout on every phase, and
 * with the guard on, only public addresses — checked on the addresses the
 * socket connects to, so DNS rebinding cannot reach inside.
 */
export class WebhookSender {
  private readonly agent: Agent;
  /** An event's payload, serialized once for all the webhooks it goes to (they share the object). */
  private readonly payloads = new WeakMap<object, string>();

  constructor(private readonly settings: SenderSettings) {
    this.agent = new Agent({
      connections: settings.connectionsPerReceiver,
      keepAliveTimeout: 30_000,
      headersTimeout: settings.timeoutMs,
      bodyTimeout: settings.timeoutMs,
      connect: { timeout: settings.timeoutMs, ...(settings.blockPrivateTargets && { lookup: guardedLookup(isPublicAddress) }) },
    });
  }

  async send(delivery: Delivery, secretKey: string): Promise<DeliveryOutcome> {
    const started = performance.now();
    const outcome = (status: number | undefined, error?: string): DeliveryOutcome => ({
      id: delivery.id,
      status,
      ...(error && { error }),
      latencyMs: performance.now() - started,
    });
    const body = this.envelope(delivery, secretKey);
    try {
      const literal = this.settings.blockPrivateTargets ? privateTargetOf(delivery.url) : undefined;
      if (literal) return outcome(undefined, `refused: ${literal}`);
      const response = await request(delivery.url, {
        method: 'POST',
        dispatcher: this.agent,
        body,
        headers: {
          'content-type': 'application/json',
          'user-agent': USER_AGENT,
          [DELIVERY_ID_HEADER]: delivery.id,
          'idempotency-key': delivery.id,
          [ATTEMPT_HEADER]: String(delivery.attempts + 1),
          [SIGNATURE_HEADER]: signWebhook(secretKey, body, Math.floor(Date.now() / 1000)),
        },
      });
      await response.body.dump();
      const ok = response.statusCode >= 200 && response.statusCode < 300;
      return outcome(response.statusCode, ok ? undefined : `HTTP ${response.statusCode}`);
    } catch (error) {
      const refused = refusedIn(error);
      if (refused) return outcome(undefined, `refused: ${refused.message}`);
      const cause = (error as { cause?: { code?: string } }).cause;
      return outcome(undefined, `${(error as Error).message}${cause?.code ? ` (${cause.code})` : ''}`);
    }
  }

  /** The LiveChat envelope, as `JSON.stringify` writes it, with the payload serialized once per event. */
  private envelope(delivery: Delivery, secretKey: string): string {
    const { action, organization_id, payload, additional_data } = delivery.body;
    if (typeof payload !== 'object' || payload === null) {
      return JSON.stringify({ webhook_id: delivery.webhook_id, secret_key: secretKey, action, organization_id, payload, additional_data });
    }
    let serialized = this.payloads.get(payload);
    if (serialized === undefined) {
      serialized = JSON.stringify(payload);
      this.payloads.set(payload, serialized);
    }
    const head = JSON.stringify({ webhook_id: delivery.webhook_id, secret_key: secretKey, action, organization_id });
    return `${head.slice(0, -1)},"payload":${serialized},"additional_data":${JSON.stringify(additional_data)}}`;
  }

  close(): Promise<void> {
    return this.agent.close();
  }
}
