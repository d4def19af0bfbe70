import { describeWithPostgresAndNats } from '@switchboard/testing';
import { useDistributedWidget } from './widget.harness';
import { checkWidget } from './widget.scenario';

describeWithPostgresAndNats('the widget’s methods, greetings and e-mail verification, distributed mode', () => {
  const mode = useDistributedWidget('widget');

  it('serves a widget configured by its owner, from the live routing state; greetings on page views reach the customer once', async () => {
    await checkWidget(mode.urls(), mode.adminToken(), 'Dist', {
      smtp: mode.smtp(),
      callbacks: mode.callbacks(),
      goalsRecorded: mode.goalsRecorded,
    });
  }, 300_000);
});
