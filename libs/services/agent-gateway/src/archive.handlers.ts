import { ListArchives } from '@switchboard/chat/application';
import { ActionRegistry, requireScope } from '@switchboard/gateway-kit';
import { PayloadOf } from '@switchboard/protocol';
import { READ, reader } from './chat.handlers';

/** `list_archives` (agent-chat-api §1): the threads of the chats the agent may see (ADR 0032). */
export function registerArchiveHandlers(registry: ActionRegistry, archives: ListArchives): void {
  registry.register('list_archives', async (context, payload: PayloadOf<'agent', 'list_archives'>) => {
    requireScope(context, ...READ);
    return archives.list(context.organizationId, payload, reader(context));
  });
}
