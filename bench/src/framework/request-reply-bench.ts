import 'reflect-metadata';
import { Controller, Module } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import {
  ClientProxyFactory,
  CustomTransportStrategy,
  MessagePattern,
  MicroserviceOptions,
  Payload,
  Server,
  Transport,
} from '@nestjs/microservices';
import { Bus, NatsBus, Subscription } from '@switchboard/messaging';
import { firstValueFrom, lastValueFrom } from 'rxjs';
import { BENCH_NATS_URL, token } from '../bench-env';
import { alternate, Load, report, serveInChild, startServer } from './framework-bench';

/**
 * Service-to-service request/reply over the same NATS server, three ways:
 *   bus          `bus.request` → `bus.serve` (NatsBus, what the bus port offers today)
 *   nest-nats    `ClientProxy.send` → `@MessagePattern` on Nest's built-in `Transport.NATS`
 *   nest-on-bus  `bus.request` → `@MessagePattern` on a Nest custom transport built on the bus port
 * The same look-up (an agent's identity) answers in each server.
 *
 *   npm run build && node dist/bench/src/framework/request-reply-bench.js
 *   (FRAMEWORK_SECONDS, FRAMEWORK_ROUNDS, REQUESTS_IN_FLIGHT to change)
 */

const IN_FLIGHT = Number(process.env.REQUESTS_IN_FLIGHT ?? 32);
const QUEUE = 'bench';

/** A configuration look-up as a gateway would make it. */
const lookUp = (request: { organization_id: string; agent_id: string }) => ({
  organization_id: request.organization_id,
  agent_id: request.agent_id,
  role: 'normal',
  deleted: false,
  suspended: false,
  token_generation: 3,
  version: 17,
});

const connectBus = () => NatsBus.connect({ servers: BENCH_NATS_URL, name: 'framework-bench' });

/** Nest's microservice server on the bus port: one `bus.serve` per `@MessagePattern`. */
class BusTransport extends Server implements CustomTransportStrategy {
  private readonly subscriptions: Subscription[] = [];

  constructor(private readonly bus: Bus) {
    super();
  }

  listen(callback: () => void): void {
    for (const [pattern, handler] of this.getHandlers()) {
      const serve = async (payload: unknown) => lastValueFrom(this.transformToObservable(await handler(payload)));
      this.subscriptions.push(this.bus.serve(pattern, serve, { queue: QUEUE }));
    }
    callback();
  }

  close(): void {
    for (const subscription of this.subscriptions) subscription.unsubscribe();
  }

  on(): void {
    throw new Error('BusTransport has no status events');
  }

  unwrap<T>(): T {
    return this.bus as T;
  }
}

async function serve(variant: string, subject: string): Promise<Record<string, unknown>> {
  if (variant === 'bus') {
    (await connectBus()).serve(subject, (payload) => lookUp(payload as Parameters<typeof lookUp>[0]), { queue: QUEUE });
    return {};
  }
  @Controller()
  class AgentLookUp {
    @MessagePattern(subject)
    lookUp(@Payload() request: Parameters<typeof lookUp>[0]) {
      return lookUp(request);
    }
  }
  @Module({ controllers: [AgentLookUp] })
  class LookUpModule {}
  const options: MicroserviceOptions =
    variant === 'nest-nats'
      ? { transport: Transport.NATS, options: { servers: BENCH_NATS_URL, queue: QUEUE, noAsyncTraces: true } }
      : { strategy: new BusTransport(await connectBus()) };
  const app = await NestFactory.createMicroservice<MicroserviceOptions>(LookUpModule, { ...options, logger: false });
  await app.listen();
  return {};
}

/** `IN_FLIGHT` loops, each sending the next request when the previous one is answered. */
function closedLoop(send: (payload: unknown) => Promise<unknown>): Load {
  return async (deadline) => {
    let done = 0;
    await Promise.all(
      Array.from({ length: IN_FLIGHT }, async (_, worker) => {
        while (Date.now() < deadline) {
          await send({ organization_id: 'org-1', agent_id: `agent-${worker}@example.com` });
          done++;
        }
      }),
    );
    return done;
  };
}

async function main(): Promise<void> {
  const variants = ['bus', 'nest-nats', 'nest-on-bus'];
  const subjects = variants.map((v) => `sb-bench-${token()}.${v}.agent-identity`);
  const servers = await Promise.all(variants.map((v, i) => startServer(__filename, ['serve', v, subjects[i]])));
  const bus = await connectBus();
  const client = ClientProxyFactory.create({ transport: Transport.NATS, options: { servers: BENCH_NATS_URL, noAsyncTraces: true } });
  await client.connect();
  try {
    const loads = [
      closedLoop((payload) => bus.request(subjects[0], payload)),
      closedLoop((payload) => firstValueFrom(client.send(subjects[1], payload))),
      closedLoop((payload) => bus.request(subjects[2], payload)),
    ];
    console.log(`request/reply over NATS ${BENCH_NATS_URL}, ${IN_FLIGHT} in flight, closed loop`);
    report(
      await alternate(variants.map((name, i) => ({ name, server: servers[i], load: loads[i] }))),
      variants.length,
    );
  } finally {
    for (const server of servers) server.stop();
    await client.close();
    await bus.drain();
  }
  process.exit(0);
}

if (process.argv[2] === 'serve') serveInChild(() => serve(process.argv[3], process.argv[4]));
else void main();
