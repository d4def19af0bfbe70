import { PgDatabase } from '@switchboard/event-store';
import { describeWithPostgresAndNats, SmtpReceiver, startSmtpReceiver, TestDeployment } from '@switchboard/testing';
import { CallbackReceiver, pageViewer, startCallbackReceiver } from './widget.helpers';
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
    const viewPage = pageViewer(db);
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
