import 'reflect-metadata';
import { EMBEDDED_APP, launch } from '@switchboard/platform';
import { AgentGatewayModule } from '@switchboard/services/agent-gateway';
import { ConfigurationModule } from '@switchboard/services/configuration';
import { CustomerGatewayModule } from '@switchboard/services/customer-gateway';
import { EventRelayModule } from '@switchboard/services/event-relay';
import { RouterModule } from '@switchboard/services/router';
import { WebhookDispatcherModule } from '@switchboard/services/webhook-dispatcher';
import { nextSteps } from './next-steps';

/**
 * The embedded mode: every service in one process on one port, PGlite under
 * DATA_DIR and the in-process bus — unless DATABASE_URL / NATS_URL are set,
 * in which case the same all-in-one process runs on PostgreSQL / NATS.
 */
launch(
  EMBEDDED_APP,
  EMBEDDED_APP,
  'embedded',
  [AgentGatewayModule, CustomerGatewayModule, ConfigurationModule, RouterModule, WebhookDispatcherModule, EventRelayModule],
  { nextSteps },
);
