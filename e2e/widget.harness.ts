import { PgDatabase } from '@switchboard/event-store';
import { SmtpReceiver, startSmtpReceiver, TestDeployment, useEmbeddedSwitchboard } from '@switchboard/testing';
import { CallbackReceiver, startCallbackReceiver } from './widget.helpers';
import { WidgetUrls } from './widget.scenario';

/** What the widget suites of one mode get: where each API is, the admin token, the mail and callback receivers. */
export interface WidgetMode {
  urls(): WidgetUrls;
  adminToken(): string;
  smtp(): SmtpReceiver;
  callbacks(): CallbackReceiver;
  /** Distributed: how many `customer_goals_reached` events the customer's stream holds. */
  goalsRecorded?: (organizationId: string, customerId: string) => Promise<number>;
}

/** A local SMTP server and callback receiver for the calling `describe`, started first (their addresses go into the apps' settings). */
function useReceivers(env: Record<string, string>) {
  let smtp: SmtpReceiver | undefined;
  let callbacks: CallbackReceiver | undefined;
  beforeAll(async () => {
    smtp = await startSmtpReceiver();
    callbacks = await startCallbackReceiver();
    env.SMTP_URL = smtp.url;
  });
  afterAll(async () => {
    await smtp?.close();
    await callbacks?.close();
  });
  return { smtp: () => smtp!, callbacks: () => callbacks! };
}

/** One embedded Switchboard (PGlite) sending mail to a local SMTP server; callbacks to loopback allowed. */
export function useEmbeddedWidget(name: string): WidgetMode {
  const env: Record<string, string> = { URL_INFO_ALLOW_PRIVATE: '1' };
  const receivers = useReceivers(env);
  const switchboard = useEmbeddedSwitchboard(name, env);
  return {
    ...receivers,
    urls: () => ({ configuration: switchboard.url, customer: switchboard.url, agent: switchboard.url }),
    adminToken: () => switchboard.adminToken,
  };
}

/**
 * The apps as separate processes on PostgreSQL and NATS, the router among
 * them (it shows greetings); the goals recorded are read from the deployment's database.
 */
export function useDistributedWidget(name: string): WidgetMode {
  const env: Record<string, string> = { RATE_LIMITS: 'off', URL_INFO_ALLOW_PRIVATE: '1' };
  const receivers = useReceivers(env);
  let deployment: TestDeployment | undefined;
  let db: PgDatabase | undefined;
  beforeAll(async () => {
    deployment = await TestDeployment.create(name, env);
    await deployment.startAll(['configuration', 'event-relay', 'router', 'customer-gateway', 'agent-gateway']);
    db = new PgDatabase({ connectionString: deployment.databaseUrl, max: 2 });
  }, 180_000);
  afterAll(async () => {
    await db?.close();
    await deployment?.destroy();
  });
  return {
    ...receivers,
    urls: () => ({ configuration: deployment!.url('configuration'), customer: deployment!.url('customer-gateway'), agent: deployment!.url('agent-gateway') }),
    adminToken: () => deployment!.adminToken,
    goalsRecorded: async (organizationId, customerId) => {
      const { rows } = await db!.query<{ n: string }>(
        "SELECT count(*)::text AS n FROM events WHERE organization_id = $1 AND stream_id = $2 AND type = 'customer_goals_reached'",
        [organizationId, `customer-${customerId}`],
      );
      return Number(rows[0].n);
    },
  };
}
