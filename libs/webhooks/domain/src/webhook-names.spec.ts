import { webhookNames } from './webhook-names';

describe('webhookNames', () => {
  it('lists the 36 actions once each, with their filters and additional data', () => {
    const names = webhookNames();
    expect(names).toHaveLength(36);
    expect(new Set(names.map((n) => n.action)).size).toBe(36);
    expect(names.find((n) => n.action === 'incoming_event')).toEqual({
      action: 'incoming_event',
      filters: ['chat_presence', 'author_type', 'only_my_chats', 'source_type'],
      additional_data: ['chat_properties', 'chat_presence_user_ids'],
    });
  });

  it('leaves out an empty list of additional data', () => {
    expect(webhookNames().find((n) => n.action === 'agent_created')).toEqual({ action: 'agent_created', filters: ['source_type'] });
    expect(webhookNames().find((n) => n.action === 'routing_status_set')).toEqual({ action: 'routing_status_set', filters: ['agent_ids', 'source_type'] });
  });
});
