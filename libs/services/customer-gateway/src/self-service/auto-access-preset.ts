import { firstMatchingAutoAccess } from '@switchboard/configuration/domain';
import { RequestContext } from '@switchboard/gateway-kit';
import { AutoAccessQueries, ReadModels } from '@switchboard/read-models';
import { customerState, openVisit } from './customer-view';

/** A `start_chat` / `resume_chat` payload, whose `chat.access` the rules may preset. */
type ChatRequest = { chat?: { access?: { group_ids: number[] } } };

/** Presets the access of a customer's new thread (ADR 0031); an explicit `chat.access` is left alone. */
export type AccessPreset = <P extends ChatRequest>(context: RequestContext, payload: P) => Promise<P>;

/**
 * The organization's auto access rules evaluated against the page the
 * customer is on now (their open visit's last page): the first matching
 * rule's groups — those that still exist — become the new thread's access
 * (configuration-api.md §2). No page, no rule, no group left: the default.
 */
export function autoAccessPreset(readModels: ReadModels, rules: AutoAccessQueries): AccessPreset {
  return async (context, payload) => {
    if (payload.chat?.access) return payload;
    const page = openVisit(await customerState(readModels, context.organizationId, context.requester.id))?.last_pages.at(-1);
    if (!page) return payload;
    const rule = firstMatchingAutoAccess(await rules.list(context.organizationId), { url: page.url });
    if (!rule) return payload;
    const existing = new Set((await readModels.groups(context.organizationId)).map((g) => g.id));
    const groupIds = rule.access.groups.filter((g) => existing.has(g));
    return groupIds.length === 0 ? payload : { ...payload, chat: { ...payload.chat, access: { group_ids: groupIds } } };
  };
}
