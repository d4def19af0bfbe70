import { eventInputSchema, MAX_MESSAGE_BYTES } from './events';

const parse = (event: unknown) => eventInputSchema.safeParse(event);

describe('event input', () => {
  it('accepts a message and defaults its visibility to all', () => {
    expect(parse({ type: 'message', text: 'Hello', custom_id: '31-0C-1C-07-DB-16' }).data).toEqual({
      type: 'message',
      text: 'Hello',
      custom_id: '31-0C-1C-07-DB-16',
      visibility: 'all',
    });
  });

  it('strips server-filled fields a client echoes back', () => {
    const echoed = {
      id: 'K600PKZON8_1',
      created_at: '2019-12-17T07:57:41.512000Z',
      author_id: 'smith@example.com',
      thread_id: 'K600PKZON8',
      type: 'message',
      text: 'Hello again',
      visibility: 'agents',
    };
    expect(parse(echoed).data).toEqual({ type: 'message', text: 'Hello again', visibility: 'agents' });
  });

  it('strips file metadata that only the server may fill', () => {
    const file = {
      type: 'file',
      url: 'https://cdn.livechat-files.com/api/file/lc/att/8948324/45a3581b59a7295145c3825c86ec7ab3/image.png',
      name: 'image.png',
      content_type: 'image/png',
      size: 123444,
      width: 640,
      height: 480,
      thumbnail_url: 'https://example.com/thumbnail.png',
      alternative_text: 'A chart',
    };
    expect(parse(file).data).toEqual({ type: 'file', url: file.url, alternative_text: 'A chart', visibility: 'all' });
  });

  it('accepts the legacy recipients field as visibility', () => {
    expect(parse({ type: 'filled_form', form_id: 'f1', fields: [], recipients: 'agents' }).data).toEqual({
      type: 'filled_form',
      form_id: 'f1',
      fields: [],
      visibility: 'agents',
    });
    expect(parse({ type: 'message', text: 'x', recipients: 'agents', visibility: 'all' }).data?.visibility).toBe('all');
    expect(parse({ type: 'message', text: 'x', recipients: 'everyone' }).success).toBe(false);
  });

  it('requires non-empty message text of at most 16 KB of UTF-8', () => {
    expect(parse({ type: 'message' }).success).toBe(false);
    expect(parse({ type: 'message', text: '' }).success).toBe(false);
    expect(parse({ type: 'message', text: 'a'.repeat(MAX_MESSAGE_BYTES) }).success).toBe(true);
    // 'ż' takes two bytes: half as many characters already reach the limit.
    expect(parse({ type: 'message', text: 'ż'.repeat(MAX_MESSAGE_BYTES / 2) }).success).toBe(true);
    expect(parse({ type: 'message', text: 'ż'.repeat(MAX_MESSAGE_BYTES / 2 + 1) }).success).toBe(false);
  });

  it('accepts a message postback only with type and value together', () => {
    const postback = { id: 'action_yes', thread_id: 'K600PKZON8', event_id: 'K600PKZON8_3' };
    expect(parse({ type: 'message', text: 'Yes', postback }).success).toBe(true);
    expect(parse({ type: 'message', text: 'Yes', postback: { ...postback, type: 'message', value: 'Yes' } }).success).toBe(true);
    expect(parse({ type: 'message', text: 'Yes', postback: { ...postback, type: 'message' } }).success).toBe(false);
  });

  it('requires system_message_type on system messages', () => {
    expect(parse({ type: 'system_message', text: 'Chat archived' }).success).toBe(false);
    expect(
      parse({ type: 'system_message', system_message_type: 'routing.assigned_inactive', text_vars: { agent: 'John Doe' } }).success,
    ).toBe(true);
  });

  it('requires a URL on file events', () => {
    expect(parse({ type: 'file' }).success).toBe(false);
    expect(parse({ type: 'file', url: 'not a url' }).success).toBe(false);
  });

  it('accepts custom events with any JSON object as content, and none at all', () => {
    expect(parse({ type: 'custom', content: { nested: { any: [1, 'two'] } } }).data).toEqual({
      type: 'custom',
      content: { nested: { any: [1, 'two'] } },
      visibility: 'all',
    });
    expect(parse({ type: 'custom' }).success).toBe(true);
    expect(parse({ type: 'custom', content: 'text' }).success).toBe(false);
  });

  it('accepts forms and filled forms with text, choice and checkbox answers', () => {
    const form = {
      type: 'form',
      form_id: 'prechat',
      fields: [
        { type: 'name', id: '1', label: 'Your name', required: true },
        { type: 'group_chooser', id: '2', label: 'Department', options: [{ id: 'o1', label: 'Sales', group_id: 1 }] },
      ],
    };
    expect(parse(form).success).toBe(true);
    const filled = {
      type: 'filled_form',
      form_id: 'prechat',
      form_type: 'prechat',
      fields: [
        { type: 'email', id: '1', label: 'E-mail', answer: 'john@example.com' },
        { type: 'group_chooser', id: '2', label: 'Department', answer: { id: 'o1', label: 'Sales', group_id: 1 } },
        { type: 'checkbox', id: '3', label: 'Topics', answers: [{ id: 'a', label: 'Billing' }] },
      ],
    };
    expect(parse(filled).data).toMatchObject({ form_type: 'prechat', fields: filled.fields });
    expect(parse({ type: 'filled_form', fields: [] }).success).toBe(false);
  });

  it('accepts rich messages within the element and button limits and drops server-kept button state', () => {
    const button = { text: 'Yes', type: 'message', value: 'yes', postback_id: 'action_yes', user_ids: ['b7eff798'] };
    const card = { title: 'Pick one', image: { url: 'https://example.com/a.png' }, buttons: [button] };
    const parsed = parse({ type: 'rich_message', template_id: 'cards', elements: [card] });
    expect(parsed.success).toBe(true);
    expect(parsed.data).toMatchObject({ elements: [{ buttons: [{ text: 'Yes', postback_id: 'action_yes' }] }] });
    expect(JSON.stringify(parsed.data)).not.toContain('user_ids');
    expect(parse({ type: 'rich_message', template_id: 'carousel' }).success).toBe(false);
    expect(parse({ type: 'rich_message', template_id: 'cards', elements: Array(11).fill(card) }).success).toBe(false);
    expect(parse({ type: 'rich_message', template_id: 'quick_replies', elements: [{ buttons: Array(14).fill(button) }] }).success).toBe(false);
  });

  it('rejects unknown event types such as the v0.x annotation', () => {
    expect(parse({ type: 'annotation', annotation_type: 'x' }).success).toBe(false);
    expect(parse({ text: 'no type' }).success).toBe(false);
  });
});
