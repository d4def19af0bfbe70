import { ChatEventRecord } from '@switchboard/chat/domain';
import { highlightEvents, mark, queryWords } from './highlights';

const tags = { pre_tag: '<em>', post_tag: '</em>' };
const event = (id: string, fields: Record<string, unknown>): ChatEventRecord => ({ id, created_at: '2026-01-01T00:00:00.000000Z', visibility: 'all', type: 'message', ...fields });

describe('highlights of list_archives', () => {
  it('looks for the words of the query, not for excluded words nor the OR operator', () => {
    expect(queryWords('Refund OR "parcel lost" -kettle')).toEqual(['refund', 'parcel', 'lost']);
  });

  it('marks whole words in any case, also inside file names, and nothing when no word occurs', () => {
    expect(mark('A REFUND, refunded? refund!', ['refund'], tags)).toBe('A <em>REFUND</em>, refunded? <em>refund</em>!');
    expect(mark('receipt-scan.png', ['receipt'], { pre_tag: '[', post_tag: ']' })).toBe('[receipt]-scan.png');
    expect(mark('nothing here', ['refund'], tags)).toBeUndefined();
    expect(mark('a+b (c) aab', ['a+b'], tags)).toBe('<em>a+b</em> (c) aab');
  });

  it('names the event and field of each match: message text, file name, each filled form answer', () => {
    const events = [
      event('e1', { text: 'my refund' }),
      event('e2', { type: 'file', name: 'refund.pdf' }),
      event('e3', { type: 'filled_form', fields: [{ id: 'topic', answer: { id: '1', label: 'Refund' } }, { id: 'why', answers: [{ id: '2', label: 'late refund' }] }, { id: 'n', answer: 'Jo' }] }),
      event('e4', { type: 'system_message', text: 'refund' }),
    ];
    expect(highlightEvents(events, 'refund', tags)).toEqual([
      { event_id: 'e1', type: 'message', field: 'text', highlight: 'my <em>refund</em>' },
      { event_id: 'e2', type: 'file', field: 'name', highlight: '<em>refund</em>.pdf' },
      { event_id: 'e3', type: 'filled_form', field: 'fields.topic', highlight: '<em>Refund</em>' },
      { event_id: 'e3', type: 'filled_form', field: 'fields.why', highlight: 'late <em>refund</em>' },
    ]);
  });
});
