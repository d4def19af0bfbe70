import { randomUUID } from 'node:crypto';
import { CustomerCommands } from '@switchboard/customer/application';
import { PgDatabase, PostgresEventStore } from '@switchboard/event-store';
import { customerProjection } from '@switchboard/read-models';
import { describeWithPostgresAndNats, SmtpReceiver, startSmtpReceiver, TestDeployment } from '@switchboard/testing';
import { CallbackReceiver, startCallbackReceiver } from './widget.helpers';
import { checkWidget } from './widget.scenario';

describeWithPostgresAndNats('the widget’s methods, greetings and e-mail verification, distributed mode', () => {
  let deployment: TestDeployment;
  let smtp: SmtpReceiver;
  let callbacks: CallbackReceiver;
  let db: PgDatabase;

  beforeAll(async () => {
    smtp = await startSmtpReceiver();
    callbacks = await startCallbackReceiver();
    deployment = await TestDeployment.create('widget', { RATE_LIMITS: 'off', SMTP_URL: smtp.url, URL_INFO_ALLOW_PRIVATE: '1' });
    await deployment.startAll(['configuration', 'event-relay', 'router', 'customer-gateway', 'agent-gateway']);
    db = new PgDatabase({ connectionString: deployment.databaseUrl, max: 2 });
  }, 180_000);
  afterAll(async () => {
    await db?.close();
    await deployment?.destroy();
    await smtp?.close();
    await callbacks?.close();
  });

  it('serves a widget configured by its owner, from the live routing state; greetings on page views reach the customer once', async () => {
    // The page view as `update_customer_page` will record it, appended here through the customer domain.
    const customers = new CustomerCommands(new PostgresEventStore(db, [customerProjection]));
    const visits = new Map<string, string>();
    const viewPage = async (organizationId: string, customerId: string, url: string) => {
      if (!visits.has(customerId)) {
        visits.set(customerId, randomUUID());
        await customers.execute(organizationId, { type: 'start_visit', id: customerId, visit_id: visits.get(customerId)!, now: new Date().toISOString() });
      }
      await customers.execute(organizationId, { type: 'view_page', id: customerId, visit_id: visits.get(customerId)!, now: new Date().toISOString(), url });
    };
    const goalsRecorded = async (organizationId: string, customerId: string) => {
      const { rows } = await db.query<{ n: string }>(
        "SELECT count(*)::text AS n FROM events WHERE organization_id = $1 AND stream_id = $2 AND type = 'customer_goals_reached'",
        [organizationId, `customer-${customerId}`],
      );
      return Number(rows[0].n);
    };
    await checkWidget(
      { configuration: deployment.url('configuration'), customer: deployment.url('customer-gateway'), agent: deployment.url('agent-gateway') },
      deployment.adminToken,
      'Dist',
      { smtp, callbacks, viewPage, goalsRecorded },
    );
  }, 300_000);
});
