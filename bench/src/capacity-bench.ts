import { startDistributed } from './deployment';
import { benchIdleConnections, IdleConnectionsResult } from './idle-connections-bench';
import { benchLongChat, LongChatResult } from './long-chat-bench';

/** One agent gateway: the idle connections all land on it. */
const CAPACITY_APPS = ['configuration', 'customer-gateway', 'router', 'event-relay', 'agent-gateway'];

/**
 * Limits raised for these two measurements only (the conversation benchmark
 * runs with the defaults): 10,000 connections from one address to one
 * process, 1,000 per agent, 200 logging in at a time at whatever rate the
 * gateway manages; filling the long chat pipelines requests per connection
 * well beyond 100/s. Logged-in connections stay silent for the whole run.
 */
const CAPACITY_ENV = {
  RTM_MAX_CONNECTIONS_PER_PROCESS: '20000',
  RTM_MAX_CONNECTIONS_PER_ADDRESS: '20000',
  RTM_MAX_UNAUTHENTICATED_PER_PROCESS: '1000',
  RTM_MAX_UNAUTHENTICATED_PER_ADDRESS: '1000',
  RTM_MAX_CONNECTIONS_PER_AGENT: '2000',
  RATE_LIMIT_PER_TOKEN: '100000/100000',
  RATE_LIMIT_PER_RTM_CONNECTION: '100000/100000',
  RTM_IDLE_TIMEOUT_MS: '3600000',
};

/** Long chat and idle connections, on a distributed deployment of their own. */
export async function benchCapacity(seconds: number): Promise<{ longChat: LongChatResult; idleConnections: IdleConnectionsResult }> {
  const deployment = await startDistributed(CAPACITY_APPS, CAPACITY_ENV);
  try {
    const longChat = await benchLongChat(deployment, seconds);
    const idleConnections = await benchIdleConnections(deployment);
    if (longChat.errors + idleConnections.errors > 0) deployment.printFailures();
    return { longChat, idleConnections };
  } finally {
    await deployment.stop();
  }
}
