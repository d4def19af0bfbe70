import { CustomerCommands } from '@switchboard/customer/application';
import { ActionRegistry, commandOrigin } from '@switchboard/gateway-kit';
import { PayloadOf } from '@switchboard/protocol';
import { reachedGoals } from '@switchboard/widget/domain';
import { WidgetReader } from './widget-context';


/**
 * The customer answers the greeting shown to it (`accept_greeting`,
 * `cancel_greeting`: only its own, else `greeting_not_found`), and
 * `check_goals` records the goals the page or session fields reach.
 */
export function registerGreetingAndGoalHandlers(registry: ActionRegistry, customers: CustomerCommands, widget: WidgetReader): void {
  registry.register('accept_greeting', async (context, payload: PayloadOf<'customer', 'accept_greeting'>) => {
    const command = { type: 'accept_greeting' as const, id: context.requester.id, unique_id: payload.unique_id, greeting_id: payload.greeting_id };
    await customers.execute(context.organizationId, command, commandOrigin(context));
    return {};
  });

  registry.register('cancel_greeting', async (context, payload: PayloadOf<'customer', 'cancel_greeting'>) => {
    await customers.execute(context.organizationId, { type: 'cancel_greeting', id: context.requester.id, unique_id: payload.unique_id }, commandOrigin(context));
    return {};
  });

  registry.register('check_goals', async (context, payload: PayloadOf<'customer', 'check_goals'>) => {
    await widget.requireGroup(context.organizationId, payload.group_id);
    const { goals } = await widget.configuration(context.organizationId);
    const reached = reachedGoals(goals, payload).map((g) => g.id);
    if (reached.length > 0) {
      const command = {
        type: 'record_goals' as const,
        id: context.requester.id,
        now: new Date().toISOString(),
        goal_ids: reached,
        page_url: payload.page_url,
        group_id: payload.group_id,
      };
      await customers.execute(context.organizationId, command, commandOrigin(context));
    }
    return {};
  });
}
