import { PropertyDefinition, propertyCatalog } from '@switchboard/configuration/domain';
import { roleReader, VisibleProperties } from './property-views';

const APP = 'app-client-id';
const rating: PropertyDefinition = { namespace: APP, name: 'rating_score', type: 'int', access: { chat: { agent: ['read'], customer: ['read', 'write'] } } };
const note: PropertyDefinition = { namespace: APP, name: 'note', type: 'string', access: { chat: { agent: ['read', 'write'] }, event: { agent: ['read'] } } };
const catalog = propertyCatalog([rating, note]);
const values = { [APP]: { rating_score: 5, note: 'vip' }, unregistered: { x: 1 }, test: { int_property: 2 } };

describe('what each reader sees of chat, thread and event properties', () => {
  it('a customer sees what the customer role may read; an agent what its role may, at that location', () => {
    const customer = new VisibleProperties(catalog, roleReader('customer'));
    const agent = new VisibleProperties(catalog, roleReader('agent'));
    expect(customer.of('chat', values)).toEqual({ [APP]: { rating_score: 5 }, test: { int_property: 2 } });
    expect(agent.of('chat', values)).toEqual({ [APP]: { rating_score: 5, note: 'vip' }, test: { int_property: 2 } });
    expect(agent.of('thread', values)).toEqual({ test: { int_property: 2 } });
  });

  it("an agent of another application does not see an application's unpublished properties", () => {
    const partner = new VisibleProperties(catalog, { role: 'agent', owns: (ns) => ns === 'partner', reachesOthers: true });
    expect(partner.of('chat', values)).toEqual({ test: { int_property: 2 } });
  });

  it('filters a whole chat: its properties, its thread, and each event (an event left with none has no properties key)', () => {
    const customer = new VisibleProperties(catalog, roleReader('customer'));
    const chat = {
      id: 'C',
      properties: values,
      thread: { id: 'T', properties: values, events: [{ id: 'T_1', properties: { [APP]: { note: 'x' } } }, { id: 'T_2' }] },
    };
    expect(customer.chat(chat)).toEqual({
      id: 'C',
      properties: { [APP]: { rating_score: 5 }, test: { int_property: 2 } },
      thread: { id: 'T', properties: { test: { int_property: 2 } }, events: [{ id: 'T_1' }, { id: 'T_2' }] },
    });
  });

  it('keeps only the names of a deletion the reader may see', () => {
    const customer = new VisibleProperties(catalog, roleReader('customer'));
    expect(customer.names('chat', { [APP]: ['rating_score', 'note'], nobody: ['x'] })).toEqual({ [APP]: ['rating_score'] });
    expect(customer.names('chat', { [APP]: ['note'] })).toEqual({});
  });
});
