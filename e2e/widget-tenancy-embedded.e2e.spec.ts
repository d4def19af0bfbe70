import { useEmbeddedWidget } from './widget.harness';
import { checkWidgetTenancy } from './widget-tenancy.scenario';

describe('two organizations and the widget’s methods, embedded mode', () => {
  const mode = useEmbeddedWidget('widget-tenancy');

  it("no widget method or switchboard_* action of one organization reads or changes another's configuration, greetings or customers", async () => {
    await checkWidgetTenancy(mode.urls(), mode.adminToken(), 'EmbTen', { smtp: mode.smtp(), callbacks: mode.callbacks() });
  }, 240_000);
});
