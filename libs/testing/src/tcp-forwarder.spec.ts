import { AddressInfo, createServer, Server, Socket, connect } from 'node:net';
import { TcpForwarder } from './tcp-forwarder';
import { waitFor } from './wait';

/** A server that echoes every byte back, upper-cased (so an answer is visibly the server's). */
async function startEchoServer(): Promise<{ server: Server; port: number; sockets: Set<Socket> }> {
  const sockets = new Set<Socket>();
  const server = createServer((socket) => {
    sockets.add(socket);
    socket.on('close', () => sockets.delete(socket));
    socket.on('data', (data) => socket.write(data.toString().toUpperCase()));
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', () => resolve()));
  return { server, port: (server.address() as AddressInfo).port, sockets };
}

interface Probe {
  socket: Socket;
  received: () => string;
  closed: Promise<void>;
}

async function open(port: number): Promise<Probe> {
  const socket = connect(port, '127.0.0.1');
  let received = '';
  socket.on('data', (data) => (received += data.toString()));
  socket.on('error', () => undefined);
  const closed = new Promise<void>((resolve) => socket.once('close', () => resolve()));
  await new Promise<void>((resolve, reject) => {
    socket.once('connect', () => resolve());
    socket.once('error', reject);
  });
  return { socket, received: () => received, closed };
}

describe('TcpForwarder', () => {
  let echo: Awaited<ReturnType<typeof startEchoServer>>;
  let forwarder: TcpForwarder;

  beforeEach(async () => {
    echo = await startEchoServer();
    forwarder = await TcpForwarder.start({ host: '127.0.0.1', port: echo.port });
  });
  afterEach(async () => {
    await forwarder.close();
    await new Promise((resolve) => echo.server.close(resolve));
  });

  it('forwards both ways between a client and the target', async () => {
    const probe = await open(forwarder.port);
    probe.socket.write('hello');
    await waitFor(() => probe.received() === 'HELLO');
    expect(forwarder.openConnections).toBe(1);
    probe.socket.destroy();
  });

  it('rewrites a URL to go through it', () => {
    expect(forwarder.rewrite('postgres://postgres@10.1.2.3:5432/db?x=1')).toBe(
      `postgres://postgres@127.0.0.1:${forwarder.port}/db?x=1`,
    );
  });

  it('drops every connection on a cut, refuses new ones while it lasts, and forwards again afterwards', async () => {
    const first = await open(forwarder.port);
    const second = await open(forwarder.port);
    await waitFor(() => forwarder.openConnections === 2);
    const cut = forwarder.cut(400);
    await first.closed;
    await second.closed;
    expect(forwarder.isCut).toBe(true);

    // During the cut a new connection is accepted and closed at once, nothing reaches the target.
    const refused = await open(forwarder.port);
    refused.socket.write('lost');
    await refused.closed;
    expect(refused.received()).toBe('');

    await cut;
    expect(forwarder.isCut).toBe(false);
    const after = await open(forwarder.port);
    after.socket.write('back');
    await waitFor(() => after.received() === 'BACK');
    after.socket.destroy();
  });

  it('lets nothing through a stall, closes nothing, and delivers what waited once it ends', async () => {
    const probe = await open(forwarder.port);
    probe.socket.write('a');
    await waitFor(() => probe.received() === 'A');
    const stall = forwarder.stall(400);
    probe.socket.write('b');
    // A connection opened during the stall is accepted but not answered.
    const late = await open(forwarder.port);
    late.socket.write('c');
    await new Promise((resolve) => setTimeout(resolve, 150));
    expect(forwarder.isCut).toBe(false);
    expect([probe.received(), late.received()]).toEqual(['A', '']);
    expect(echo.sockets.size).toBe(1);

    await stall;
    await waitFor(() => probe.received() === 'AB' && late.received() === 'C');
    expect(forwarder.openConnections).toBe(2);
    probe.socket.destroy();
    late.socket.destroy();
  });

  it('closes one side when the other goes away, as one TCP connection would', async () => {
    const probe = await open(forwarder.port);
    probe.socket.write('x');
    await waitFor(() => probe.received() === 'X');
    for (const socket of echo.sockets) socket.destroy();
    await probe.closed;
    await waitFor(() => forwarder.openConnections === 0);

    const other = await open(forwarder.port);
    await waitFor(() => echo.sockets.size === 1);
    other.socket.destroy();
    await waitFor(() => echo.sockets.size === 0 && forwarder.openConnections === 0);
  });
});
