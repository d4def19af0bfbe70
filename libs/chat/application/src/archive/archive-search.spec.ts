import { archiveSearch, textTerms } from './archive-search';

describe('list_archives filters as an archive search', () => {
  it('turns value filters into facet conditions: any, every, none, not every, exists', () => {
    expect(archiveSearch({ agents: { values: ['jo'] }, tags: { values: ['a', 'b'], require_every_value: true } }).facets).toEqual([
      { anyOf: ['a:jo'] },
      { allOf: ['t:a', 't:b'] },
    ]);
    expect(archiveSearch({ tags: { exclude_values: ['a', 'b'], require_every_value: true }, agents: { exists: false } }).facets).toEqual([
      { noneOf: ['a*'] },
      { notAllOf: ['t:a', 't:b'] },
    ]);
    expect(archiveSearch({ event_types: { exclude_values: ['file'] } }).facets).toEqual([{ noneOf: ['e:file'] }]);
  });

  it('agent_response: responders (or first responders) among the agents, in the groups', () => {
    const search = archiveSearch({ agent_response: { first: true, agents: { values: ['jo'] }, groups: { exclude_values: [2] } } });
    expect(search.facets).toEqual([{ allOf: ['r*'] }, { anyOf: ['f:jo'] }]);
    expect(search.groups).toEqual([{ noneOf: [2] }]);
    expect(archiveSearch({ agent_response: { exists: false } }).facets).toEqual([{ noneOf: ['r*'] }]);
  });

  it('sales, goals, surveys and greetings: only "none" and "none of these" match, as for a license without them', () => {
    expect(archiveSearch({ sales: { exists: false }, goals: { exclude_values: [1] }, greetings: { exists: false } }).matchesNothing).toBeUndefined();
    expect(archiveSearch({ sales: { values: [1] } }).matchesNothing).toBe(true);
    expect(archiveSearch({ surveys: [{ type: 'pre_chat' }] }).matchesNothing).toBe(true);
    expect(archiveSearch({ greetings: { from: '2026-01-01T00:00:00Z' } }).matchesNothing).toBe(true);
  });

  it('a blank query is no query', () => {
    expect(archiveSearch({ query: '   ' }).text).toBeUndefined();
  });

  it('a query is thread-wide terms: words and phrases that must occur, -terms that must not; OR keeps it whole', () => {
    expect(textTerms('Refund "order lost" -kettle')).toEqual({ all: ['Refund', '"order lost"'], none: ['kettle'] });
    expect(textTerms('refund or return')).toEqual({ all: ['refund or return'], none: [] });
    expect(textTerms('-kettle - !!')).toEqual({ all: [], none: ['kettle'] });
    expect(textTerms('!!!')).toEqual({ all: ['!!!'], none: [] });
  });
});
