import { useEmbeddedWidget } from './widget.harness';
import { checkWidget } from './widget.scenario';

describe('the widget’s methods and e-mail verification, embedded mode', () => {
  const mode = useEmbeddedWidget('widget');

  it('serves a widget configured by its owner, from the live routing state, and verifies e-mail through SMTP and a callback', async () => {
    await checkWidget(mode.urls(), mode.adminToken(), 'Emb', { smtp: mode.smtp(), callbacks: mode.callbacks() });
  }, 240_000);
});
