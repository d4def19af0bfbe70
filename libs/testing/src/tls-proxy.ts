import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { AddressInfo, connect, Server as NetServer, Socket } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createServer } from 'node:tls';

export interface TlsProxy {
  /** `127.0.0.1:<port>`: what an https/wss-only client (the official LiveChat SDK) takes as its API host. */
  host: string;
  /** The proxy's self-signed certificate (PEM): what a client must trust. */
  certificate: Buffer;
  close(): Promise<void>;
}

/** A throwaway self-signed certificate for 127.0.0.1 (openssl, one day). */
export function selfSignedCertificate(): { key: Buffer; cert: Buffer } {
  const dir = mkdtempSync(join(tmpdir(), 'sb-tls-'));
  try {
    execFileSync('openssl', [
      'req', '-x509', '-newkey', 'ec', '-pkeyopt', 'ec_paramgen_curve:prime256v1', '-nodes', '-days', '1',
      '-subj', '/CN=127.0.0.1', '-addext', 'subjectAltName=IP:127.0.0.1',
      '-keyout', join(dir, 'key.pem'), '-out', join(dir, 'cert.pem'),
    ], { stdio: 'ignore' });
    return { key: readFileSync(join(dir, 'key.pem')), cert: readFileSync(join(dir, 'cert.pem')) };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

/**
 * Terminates TLS in front of a plain HTTP server (`target`, e.g.
 * `http://127.0.0.1:8080`) and pipes the bytes through, so HTTPS requests and
 * WSS upgrades reach it unchanged. The certificate is self-signed, made for
 * 127.0.0.1: a client trusts it by taking `certificate` as its CA.
 */
export async function startTlsProxy(target: string): Promise<TlsProxy> {
  const { hostname, port } = new URL(target);
  const sockets = new Set<Socket>();
  const credentials = selfSignedCertificate();
  const server = createServer(credentials, (client) => {
    const upstream = connect(Number(port), hostname);
    tiePair(client, upstream, sockets);
    client.pipe(upstream).pipe(client);
  });
  return listenAsProxy(server, sockets, credentials.cert);
}

/** Two sockets relaying one connection: tracked until closed, and one's error ends both. */
export function tiePair(client: Socket, upstream: Socket, sockets: Set<Socket>): void {
  for (const socket of [client, upstream]) {
    sockets.add(socket);
    socket.on('close', () => sockets.delete(socket));
    socket.on('error', () => {
      client.destroy();
      upstream.destroy();
    });
  }
}

/** Listens on a free loopback port; `close` cuts every tracked socket, then stops listening. */
export async function listenAsProxy(server: NetServer, sockets: Set<Socket>, certificate: Buffer): Promise<TlsProxy> {
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return {
    host: `127.0.0.1:${(server.address() as AddressInfo).port}`,
    certificate,
    close: () =>
      new Promise<void>((resolve) => {
        for (const socket of sockets) socket.destroy();
        server.close(() => resolve());
      }),
  };
}
