import { SmtpReceiver, startSmtpReceiver, useEmbeddedSwitchboard } from '@switchboard/testing';
import { CallbackReceiver, startCallbackReceiver } from './widget.helpers';
import { checkWidget } from './widget.scenario';

describe('the widget’s methods and e-mail verification, embedded mode', () => {
  let smtp: SmtpReceiver;
  let callbacks: CallbackReceiver;
  // Filled in before the embedded Switchboard starts (its beforeAll runs after this one).
  const env: Record<string, string> = { URL_INFO_ALLOW_PRIVATE: '1' };
  beforeAll(async () => {
    smtp = await startSmtpReceiver();
    callbacks = await startCallbackReceiver();
    env.SMTP_URL = smtp.url;
  });
  const switchboard = useEmbeddedSwitchboard('widget', env);
  afterAll(async () => {
    await smtp?.close();
    await callbacks?.close();
  });

  it('serves a widget configured by its owner, from the live routing state, and verifies e-mail through SMTP and a callback', async () => {
    const url = switchboard.url;
    await checkWidget({ configuration: url, customer: url, agent: url }, switchboard.adminToken, 'Emb', { smtp, callbacks });
  }, 240_000);
});
