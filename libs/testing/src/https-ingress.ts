import { request as httpRequest } from 'node:http';
import { createServer } from 'node:https';
import { connect, Socket } from 'node:net';
import { listenAsProxy, selfSignedCertificate, tiePair, TlsProxy } from './tls-proxy';

/**
 * An HTTPS ingress in front of a plain HTTP Switchboard (`target`), as a
 * Kubernetes ingress is: it terminates TLS and tells the app so with
 * `X-Forwarded-Proto: https` and `X-Forwarded-For` (the app trusts them with
 * TRUST_PROXY=1). Requests and WebSocket upgrades are forwarded; the
 * certificate is self-signed (a browser takes it with --ignore-certificate-errors).
 */
export async function startHttpsIngress(target: string): Promise<TlsProxy> {
  const upstream = new URL(target);
  const sockets = new Set<Socket>();
  const credentials = selfSignedCertificate();
  const forwarded = (headers: NodeJS.Dict<string | string[]>, client: Socket) => ({
    ...headers,
    'x-forwarded-proto': 'https',
    'x-forwarded-for': client.remoteAddress ?? '127.0.0.1',
  });
  const server = createServer(credentials, (incoming, outgoing) => {
    const proxied = httpRequest(
      { host: upstream.hostname, port: upstream.port, method: incoming.method, path: incoming.url, headers: forwarded(incoming.headers, incoming.socket) },
      (answer) => {
        outgoing.writeHead(answer.statusCode ?? 502, answer.rawHeaders);
        answer.pipe(outgoing);
      },
    );
    proxied.on('error', () => outgoing.destroy());
    incoming.pipe(proxied);
  });
  server.on('connection', (socket: Socket) => {
    sockets.add(socket);
    socket.on('close', () => sockets.delete(socket));
  });
  server.on('upgrade', (incoming, client: Socket, head: Buffer) => {
    const backend = connect(Number(upstream.port), upstream.hostname, () => {
      const headers = forwarded(incoming.headers, client);
      const lines = Object.entries(headers).flatMap(([name, value]) => (Array.isArray(value) ? value : [value]).map((v) => `${name}: ${v}`));
      backend.write(`${incoming.method} ${incoming.url} HTTP/1.1\r\n${lines.join('\r\n')}\r\n\r\n`);
      if (head.length > 0) backend.write(head);
      backend.pipe(client).pipe(backend);
    });
    tiePair(client, backend, sockets);
  });
  return listenAsProxy(server, sockets, credentials.cert);
}
