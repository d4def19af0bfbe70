import { useEmbeddedWidget } from './widget.harness';
import { checkWidget } from './widget.scenario';

describe('the widget’s methods, greetings and e-mail verification, embedded mode', () => {
  const mode = useEmbeddedWidget('widget');

  it('serves a widget configured by its owner, from the live routing state; greetings on the pages it reports reach the customer once; verifies e-mail through SMTP and a callback', async () => {
    await checkWidget(mode.urls(), mode.adminToken(), 'Emb', { smtp: mode.smtp(), callbacks: mode.callbacks() });
  }, 240_000);
});
