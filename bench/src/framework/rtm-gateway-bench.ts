import 'reflect-metadata';
import { Injectable, Module, OnApplicationBootstrap } from '@nestjs/common';
import { HttpAdapterHost, NestFactory } from '@nestjs/core';
import { WsAdapter } from '@nestjs/platform-ws';
import { MessageBody, SubscribeMessage, WebSocketGateway } from '@nestjs/websockets';
import { ApiError, errorFrame, parseRtmRequest, RtmFrameError, RtmRequest, RtmResponseFrame, responseFrame } from '@switchboard/protocol';
import type { Server } from 'node:http';
import { WebSocket, WebSocketServer } from 'ws';
import { alternate, report, serveInChild, startServer } from './framework-bench';

/**
 * RTM per-frame cost: a Nest `@WebSocketGateway` on `WsAdapter` against a raw
 * `ws` handler on Nest's HTTP server (what `RtmServer` does), both answering
 * LiveChat `ping` frames with the protocol library's parser and response frame.
 *
 *   npm run build && node dist/bench/src/framework/rtm-gateway-bench.js
 *   (FRAMEWORK_SECONDS, FRAMEWORK_ROUNDS, RTM_CONNECTIONS to change)
 */

const PATH = '/v3.4/agent/rtm/ws';
const CONNECTIONS = Number(process.env.RTM_CONNECTIONS ?? 50);

/** The raw handler's answer, as `RtmServer.onFrame` gives it for `ping`, unknown actions and bad frames. */
function answer(text: string): unknown {
  try {
    const request = parseRtmRequest(text);
    if (request.action === 'ping') return responseFrame(request, {});
    return errorFrame(request, new ApiError('validation', `Unknown action: ${request.action}`));
  } catch (error) {
    return errorFrame(error instanceof RtmFrameError ? error.request : {}, error);
  }
}

@Injectable()
class RawRtm implements OnApplicationBootstrap {
  private readonly wss = new WebSocketServer({ noServer: true, maxPayload: 1024 * 1024 });
  constructor(private readonly host: HttpAdapterHost) {}

  onApplicationBootstrap(): void {
    const server = this.host.httpAdapter.getHttpServer() as Server;
    server.on('upgrade', (request, socket, head) =>
      this.wss.handleUpgrade(request, socket, head, (ws) => ws.on('message', (data) => ws.send(JSON.stringify(answer(data.toString()))))),
    );
  }
}

@Module({ providers: [RawRtm] })
class RawModule {}

@WebSocketGateway({ path: PATH, maxPayload: 1024 * 1024 })
class PingGateway {
  @SubscribeMessage('ping')
  ping(@MessageBody() request: RtmRequest): RtmResponseFrame {
    return responseFrame(request, {});
  }
}

@Module({ providers: [PingGateway] })
class GatewayModule {}

async function serve(variant: string): Promise<Record<string, unknown>> {
  const app = await NestFactory.create(variant === 'nest-gateway' ? GatewayModule : RawModule, { logger: false });
  if (variant === 'nest-gateway') {
    // LiveChat names the action `action`, not Nest's `event`; the whole frame is the handler's body.
    const messageParser = (data: unknown) => {
      const request = parseRtmRequest(String(data));
      return { event: request.action, data: request };
    };
    app.useWebSocketAdapter(new WsAdapter(app, { messageParser }));
  }
  await app.listen(0, '127.0.0.1');
  return { port: (app.getHttpServer() as Server).address() };
}

function open(port: number): Promise<WebSocket> {
  return new Promise((resolve, reject) => {
    const ws = new WebSocket(`ws://127.0.0.1:${port}${PATH}`);
    ws.once('open', () => resolve(ws));
    ws.once('error', reject);
  });
}

/** Each connection sends a ping, waits for its answer, sends the next, until the deadline. */
function pingLoad(sockets: WebSocket[]) {
  return (deadline: number) =>
    Promise.all(
      sockets.map(
        (ws, c) =>
          new Promise<number>((resolve) => {
            let answered = 0;
            const send = () => ws.send(JSON.stringify({ action: 'ping', request_id: `${c}-${answered}`, payload: {} }));
            const onMessage = () => {
              answered++;
              if (Date.now() < deadline) return send();
              ws.off('message', onMessage);
              resolve(answered);
            };
            ws.on('message', onMessage);
            send();
          }),
      ),
    ).then((counts) => counts.reduce((a, b) => a + b, 0));
}

/** What a server says, within 300 ms, to frames the RTM protocol must answer with an error. */
async function probe(port: number): Promise<string[]> {
  const ws = await open(port);
  const heard: string[] = [];
  ws.on('message', (data) => heard.push(data.toString()));
  ws.send(JSON.stringify({ action: 'no_such_action', request_id: 'probe-1', payload: {} }));
  ws.send('not json');
  await new Promise((resolve) => setTimeout(resolve, 300));
  ws.close();
  return heard;
}

async function main(): Promise<void> {
  const variants = ['raw-ws', 'nest-gateway'];
  const servers = await Promise.all(variants.map((v) => startServer(__filename, ['serve', v])));
  try {
    const loads = await Promise.all(
      servers.map(async (server) => {
        const port = (server.info.port as { port: number }).port;
        return pingLoad(await Promise.all(Array.from({ length: CONNECTIONS }, () => open(port))));
      }),
    );
    console.log(`RTM ping frames, ${CONNECTIONS} connections, closed loop`);
    report(
      await alternate(variants.map((name, i) => ({ name, server: servers[i], load: loads[i] }))),
      variants.length,
    );
    for (const [i, name] of variants.entries()) {
      const heard = await probe((servers[i].info.port as { port: number }).port);
      console.log(`${name}: unknown action and malformed frame answered with ${heard.length} frame(s) ${heard.join(' ')}`);
    }
  } finally {
    for (const server of servers) server.stop();
  }
  process.exit(0);
}

if (process.argv[2] === 'serve') serveInChild(() => serve(process.argv[3]));
else void main();
