import { createServer, IncomingMessage, Server, ServerResponse } from 'node:http';
import { AddressInfo } from 'node:net';

/** A request the receiver got, handed to `onRequest` (arrival on both clocks, raw body). */
export interface Arrival {
  body: string;
  deliveryId: string | undefined;
  /** `performance.now()` and `Date.now()` when the body was complete. */
  at: number;
  wallAt: number;
}

/**
 * The webhook receiver of the benchmark: a plain node:http server on
 * 127.0.0.1 answering 200 as soon as a request's body is in (no signature
 * check, nothing kept), counting what it accepted. `onRequest`, when set,
 * sees each request (the latency measurement parses those it needs).
 */
export class CountingReceiver {
  accepted = 0;
  /** Requests whose delivery id had been accepted before (a redelivery). */
  repeated = 0;
  /** The first delivery's body and headers, to replay the same request raw. */
  sample: { body: string; headers: Record<string, string> } | undefined;
  onRequest: ((arrival: Arrival) => void) | undefined;
  private readonly seen = new Set<string>();

  private readonly server: Server = createServer((request, response) => this.handle(request, response));
  url = '';

  private constructor() {
    this.server.keepAliveTimeout = 60_000;
  }

  static async start(): Promise<CountingReceiver> {
    const receiver = new CountingReceiver();
    await new Promise<void>((resolve) => receiver.server.listen(0, '127.0.0.1', resolve));
    receiver.url = `http://127.0.0.1:${(receiver.server.address() as AddressInfo).port}/webhooks`;
    return receiver;
  }

  close(): Promise<void> {
    this.server.closeAllConnections();
    return new Promise((resolve) => this.server.close(() => resolve()));
  }

  private handle(request: IncomingMessage, response: ServerResponse): void {
    const chunks: Buffer[] = [];
    request.on('data', (chunk: Buffer) => chunks.push(chunk));
    request.on('end', () => {
      response.writeHead(200).end();
      const deliveryId = request.headers['x-switchboard-delivery'] as string | undefined;
      if (deliveryId !== undefined) {
        if (this.seen.has(deliveryId)) this.repeated++;
        this.seen.add(deliveryId);
      }
      this.accepted++;
      const body = Buffer.concat(chunks).toString('utf8');
      if (deliveryId !== undefined && !this.sample) this.sample = { body, headers: sampleHeaders(request) };
      this.onRequest?.({ body, deliveryId, at: performance.now(), wallAt: Date.now() });
    });
  }
}

/** The request's headers a POST of the same size needs to carry (not the connection's own). */
function sampleHeaders(request: IncomingMessage): Record<string, string> {
  const skip = new Set(['host', 'connection', 'content-length', 'transfer-encoding', 'keep-alive']);
  return Object.fromEntries(Object.entries(request.headers).flatMap(([name, value]) => (skip.has(name) || value === undefined ? [] : [[name, String(value)]])));
}
