import { CustomerCommands } from '@switchboard/customer/application';
import { ActionRegistry } from '@switchboard/gateway-kit';
import { EmailVerification } from './email-verification';
import { registerEmailVerificationHandlers } from './email-verification.handlers';
import { registerGreetingAndGoalHandlers } from './greetings.handlers';
import { registerRoutingStatusHandlers } from './routing-status.handlers';
import { WidgetReader } from './widget-context';
import { registerWidgetConfigurationHandlers } from './widget-configuration.handlers';

export { EmailVerification } from './email-verification';
export { EmailVerificationController } from './email-verification.controller';
export { greetingPushes } from './greeting-pushes';
export { WidgetReader } from './widget-context';

/** Every method a chat widget calls before and around a chat (ADR 0033). */
export function registerWidgetHandlers(registry: ActionRegistry, widget: WidgetReader, customers: CustomerCommands, verification: EmailVerification): void {
  registerWidgetConfigurationHandlers(registry, widget);
  registerRoutingStatusHandlers(registry, widget);
  registerGreetingAndGoalHandlers(registry, customers, widget);
  registerEmailVerificationHandlers(registry, verification);
}
