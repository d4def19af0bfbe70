import { createHmac, timingSafeEqual } from 'node:crypto';
import { createServer, IncomingMessage, Server, ServerResponse } from 'node:http';
import { AddressInfo } from 'node:net';

/** One webhook request as the receiver got it. */
export interface ReceivedWebhook {
  deliveryId: string;
  attempt: number;
  /** The `x-switchboard-signature` header checks out against the secret in the body. */
  signed: boolean;
  body: {
    webhook_id: string;
    secret_key: string;
    action: string;
    organization_id: string;
    payload: any; // eslint-disable-line @typescript-eslint/no-explicit-any
    additional_data: Record<string, unknown>;
  };
  at: number;
  /** The HTTP status the receiver answered. */
  status: number;
}

/** What the receiver answers a request: a status, after a delay. */
export type ReceiverAnswer = (request: { deliveryId: string; webhookId: string }) => { status: number; delayMs?: number };

/** Verifies a Switchboard webhook signature the way a receiver should (ADR 0044). */
export function verifyWebhookSignature(secret: string, rawBody: string, header: string | undefined, toleranceSeconds = 300): boolean {
  const parts = Object.fromEntries((header ?? '').split(',').map((part) => part.split('=') as [string, string]));
  const timestamp = Number(parts['t']);
  if (!parts['v1'] || !Number.isFinite(timestamp) || Math.abs(Date.now() / 1000 - timestamp) > toleranceSeconds) return false;
  const expected = createHmac('sha256', secret).update(`${timestamp}.${rawBody}`).digest();
  const given = Buffer.from(parts['v1'], 'hex');
  return given.length === expected.length && timingSafeEqual(given, expected);
}

/**
 * A real HTTP webhook receiver on loopback for tests: records every request
 * (accepted or not), answers what `answer` says (200 by default), and
 * deduplicates by delivery id the way an integration should.
 */
export class WebhookReceiver {
  readonly requests: ReceivedWebhook[] = [];
  answer: ReceiverAnswer = () => ({ status: 200 });

  private constructor(
    private readonly server: Server,
    readonly url: string,
  ) {}

  static async start(answer?: ReceiverAnswer): Promise<WebhookReceiver> {
    const server = createServer();
    server.keepAliveTimeout = 60_000;
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    const receiver = new WebhookReceiver(server, `http://127.0.0.1:${(server.address() as AddressInfo).port}/webhooks`);
    server.on('request', (request: IncomingMessage, response: ServerResponse) => receiver.handle(request, response));
    if (answer) receiver.answer = answer;
    return receiver;
  }

  /** Accepted deliveries, each delivery id once (the first acceptance), in arrival order. */
  accepted(filter: (webhook: ReceivedWebhook) => boolean = () => true): ReceivedWebhook[] {
    const seen = new Set<string>();
    return this.requests.filter((r) => {
      if (r.status < 200 || r.status >= 300 || seen.has(r.deliveryId) || !filter(r)) return false;
      seen.add(r.deliveryId);
      return true;
    });
  }

  close(): Promise<void> {
    this.server.closeAllConnections();
    return new Promise((resolve) => this.server.close(() => resolve()));
  }

  private handle(request: IncomingMessage, response: ServerResponse): void {
    const chunks: Buffer[] = [];
    request.on('data', (chunk: Buffer) => chunks.push(chunk));
    request.on('end', () => {
      const raw = Buffer.concat(chunks).toString('utf8');
      const body = JSON.parse(raw) as ReceivedWebhook['body'];
      const deliveryId = String(request.headers['x-switchboard-delivery']);
      const { status, delayMs = 0 } = this.answer({ deliveryId, webhookId: body.webhook_id });
      const signature = request.headers['x-switchboard-signature'];
      setTimeout(() => {
        this.requests.push({
          deliveryId,
          attempt: Number(request.headers['x-switchboard-attempt']),
          signed: verifyWebhookSignature(body.secret_key, raw, Array.isArray(signature) ? signature[0] : signature),
          body,
          at: Date.now(),
          status,
        });
        response.writeHead(status).end();
      }, delayMs);
    });
  }
}
