import { validatePayload } from './registry';

const valid = (payload: unknown) => validatePayload('agent', 'list_archives', payload);
const refused = (payload: unknown) => {
  try {
    valid(payload);
  } catch (error) {
    return (error as { type: string; message: string }).type;
  }
  return 'accepted';
};

describe('list_archives payload', () => {
  it('fills the first page defaults: newest first, 10 threads, no filters; {} highlights mean <em>', () => {
    expect(valid({ highlights: {} })).toEqual({ filters: {}, sort_order: 'desc', limit: 10, highlights: { pre_tag: '<em>', post_tag: '</em>' } });
    expect(valid({ page_id: 'abc.def' })).toEqual({ page_id: 'abc.def' });
  });

  it('accepts every filter of data-structures §9.4', () => {
    const filters = {
      query: 'refund',
      from: '2026-01-01T00:00:00.000000Z',
      to: '2026-02-01T00:00:00+01:00',
      group_ids: [0, 1],
      properties: { test: { string_property: { values: ['a'] } } },
      agents: { values: ['jo'], require_every_value: true },
      tags: { exists: true },
      sales: { values: [1] },
      goals: { exclude_values: [2] },
      surveys: [{ type: 'pre_chat', values: ['a1'], groups: { values: [1] } }],
      event_types: { values: ['file'], require_every_value: false },
      greetings: { exists: false, groups: { exclude_values: [1] } },
      agent_response: { first: true, agents: { values: ['jo'] }, groups: { values: [1] } },
      customer_id: 'c1',
    };
    expect(valid({ filters }).filters).toEqual(filters);
  });

  it('refuses what the spec refuses, with validation', () => {
    for (const payload of [
      { limit: 0 },
      { limit: 101 },
      { filters: { thread_ids: ['a'], tags: { exists: true } } },
      { filters: { thread_ids: Array.from({ length: 21 }, (_, i) => `t${i}`) } },
      { filters: { agents: {} } },
      { filters: { agents: { exists: true, values: ['jo'] } } },
      { filters: { agents: { exists: true, require_every_value: true } } },
      { filters: { event_types: { exists: true } } },
      { filters: { surveys: [{ type: 'pre_chat', exists: true, values: ['x'] }] } },
      { filters: { unknown_filter: 1 } },
      { page_id: 'abc.def', sort_order: 'asc' },
      { highlights: { pre_tag: 'x'.repeat(65) } },
    ]) {
      expect([payload, refused(payload)]).toEqual([payload, 'validation']);
    }
  });
});
