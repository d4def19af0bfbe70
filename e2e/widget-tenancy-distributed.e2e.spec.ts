import { PgDatabase } from '@switchboard/event-store';
import { describeWithPostgresAndNats, SmtpReceiver, startSmtpReceiver, TestDeployment } from '@switchboard/testing';
import { CallbackReceiver, pageViewer, startCallbackReceiver } from './widget.helpers';
import { checkWidgetTenancy } from './widget-tenancy.scenario';

describeWithPostgresAndNats('two organizations and the widget’s methods, distributed mode', () => {
  let deployment: TestDeployment;
  let smtp: SmtpReceiver;
  let callbacks: CallbackReceiver;
  let db: PgDatabase;

  beforeAll(async () => {
    smtp = await startSmtpReceiver();
    callbacks = await startCallbackReceiver();
    deployment = await TestDeployment.create('widgettenancy', { RATE_LIMITS: 'off', SMTP_URL: smtp.url, URL_INFO_ALLOW_PRIVATE: '1' });
    await deployment.startAll(['configuration', 'event-relay', 'router', 'customer-gateway', 'agent-gateway']);
    db = new PgDatabase({ connectionString: deployment.databaseUrl, max: 2 });
  }, 180_000);
  afterAll(async () => {
    await db?.close();
    await deployment?.destroy();
    await smtp?.close();
    await callbacks?.close();
  });

  it("no widget method or switchboard_* action of one organization reads or changes another's configuration, greetings or customers", async () => {
    // The page view as `update_customer_page` will record it, appended here through the customer domain.
    const viewPage = pageViewer(db);
    await checkWidgetTenancy(
      { configuration: deployment.url('configuration'), customer: deployment.url('customer-gateway'), agent: deployment.url('agent-gateway') },
      deployment.adminToken,
      'DistTen',
      { smtp, callbacks, viewPage },
    );
  }, 300_000);
});
