import { MiddlewareConsumer, Module, NestModule } from '@nestjs/common';
import { TokenService } from '@switchboard/auth';
import { Infrastructure, INFRASTRUCTURE } from '@switchboard/platform';
import { Authenticator, TOKEN_SERVICE } from './authenticator';
import { EventFeed } from './feed/event-feed';
import { AgentDirectory } from './identity/agent-directory';
import { CustomerBans } from './identity/customer-bans';
import { RateLimiter } from './limits/rate-limiter';
import { GatewayMetrics } from './metrics/gateway-metrics';
import { webPagesMiddleware } from './pages/web-pages';
import { PushHub } from './push/push-hub';
import { RtmServer } from './rtm/rtm-server';
import { SignalRelay } from './signals/signal-relay';

/**
 * What the gateways share in one process: the event feed, the agent
 * directory and token verifier, the RTM server and the push hub. Imported by each gateway module; Nest creates
 * it once per process, so the embedded mode has one RTM server for both APIs.
 * The gateways also serve the browser pages (dist/web, ADR 0045).
 */
@Module({
  providers: [
    {
      provide: TOKEN_SERVICE,
      inject: [INFRASTRUCTURE],
      useFactory: (infrastructure: Infrastructure) => new TokenService(infrastructure.secrets.tokenKey),
    },
    EventFeed,
    AgentDirectory,
    CustomerBans,
    Authenticator,
    GatewayMetrics,
    RateLimiter,
    PushHub,
    RtmServer,
    SignalRelay,
  ],
  exports: [TOKEN_SERVICE, EventFeed, AgentDirectory, CustomerBans, Authenticator, GatewayMetrics, RateLimiter, PushHub, RtmServer, SignalRelay],
})
export class GatewayKitModule implements NestModule {
  configure(consumer: MiddlewareConsumer): void {
    consumer.apply(webPagesMiddleware()).forRoutes('{*path}');
  }
}
