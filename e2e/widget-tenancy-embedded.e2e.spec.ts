import { SmtpReceiver, startSmtpReceiver, useEmbeddedSwitchboard } from '@switchboard/testing';
import { CallbackReceiver, startCallbackReceiver } from './widget.helpers';
import { checkWidgetTenancy } from './widget-tenancy.scenario';

describe('two organizations and the widget’s methods, embedded mode', () => {
  let smtp: SmtpReceiver;
  let callbacks: CallbackReceiver;
  // Filled in before the embedded Switchboard starts (its beforeAll runs after this one).
  const env: Record<string, string> = { URL_INFO_ALLOW_PRIVATE: '1' };
  beforeAll(async () => {
    smtp = await startSmtpReceiver();
    callbacks = await startCallbackReceiver();
    env.SMTP_URL = smtp.url;
  });
  const switchboard = useEmbeddedSwitchboard('widget-tenancy', env);
  afterAll(async () => {
    await smtp?.close();
    await callbacks?.close();
  });

  it("no widget method or switchboard_* action of one organization reads or changes another's configuration, greetings or customers", async () => {
    const url = switchboard.url;
    await checkWidgetTenancy({ configuration: url, customer: url, agent: url }, switchboard.adminToken, 'EmbTen', { smtp, callbacks });
  }, 240_000);
});
