import { describeWithPostgresAndNats } from '@switchboard/testing';
import { useDistributedWidget } from './widget.harness';
import { checkWidgetTenancy } from './widget-tenancy.scenario';

describeWithPostgresAndNats('two organizations and the widget’s methods, distributed mode', () => {
  const mode = useDistributedWidget('widgettenancy');

  it("no widget method or switchboard_* action of one organization reads or changes another's configuration, greetings or customers", async () => {
    await checkWidgetTenancy(mode.urls(), mode.adminToken(), 'DistTen', { smtp: mode.smtp(), callbacks: mode.callbacks() });
  }, 300_000);
});
