import { pushCarriesRequestId } from './push-request-id';

describe('which pushes carry the request_id of the request that caused them', () => {
  it('incoming_chat answers start_chat and resume_chat; incoming_event answers send_event', () => {
    expect(pushCarriesRequestId('incoming_chat', 'start_chat')).toBe(true);
    expect(pushCarriesRequestId('incoming_chat', 'resume_chat')).toBe(true);
    expect(pushCarriesRequestId('incoming_event', 'send_event')).toBe(true);
  });

  it('the system message of deactivate_chat, transfer_chat or a start_chat is no answer: no request_id', () => {
    expect(pushCarriesRequestId('incoming_event', 'deactivate_chat')).toBe(false);
    expect(pushCarriesRequestId('incoming_event', 'transfer_chat')).toBe(false);
    expect(pushCarriesRequestId('incoming_event', 'start_chat')).toBe(false);
    expect(pushCarriesRequestId('incoming_chat', 'transfer_chat')).toBe(false);
    expect(pushCarriesRequestId('incoming_event', undefined)).toBe(false);
  });

  it('other pushes of the requester keep it (routing_status_set after set_routing_status)', () => {
    expect(pushCarriesRequestId('routing_status_set', 'set_routing_status')).toBe(true);
    expect(pushCarriesRequestId('chat_properties_updated', 'update_chat_properties')).toBe(true);
  });
});
