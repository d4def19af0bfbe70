import { customerDisconnectReason, CUSTOMER_PUSHES_SINCE_3_5, wireVersion } from './wire-version';

describe('the customer wire of each API version', () => {
  it('v3.4 is answered as v3.4; v3.5 and newer as v3.5 — on the customer API only', () => {
    expect(wireVersion('customer', '3.4')).toBe('3.4');
    expect(wireVersion('customer', '3.5')).toBe('3.5');
    expect(wireVersion('customer', '3.6')).toBe('3.5');
    expect(wireVersion('agent', '3.5')).toBe('3.4');
    expect(wireVersion('configuration', '3.6')).toBe('3.4');
  });

  it('a customer logged out remotely is told logged_out_remotely on v3.5, and a reason v3.4 knows on v3.4', () => {
    expect(customerDisconnectReason('logged_out_remotely', '3.5')).toBe('logged_out_remotely');
    expect(customerDisconnectReason('logged_out_remotely', '3.4')).toBe('access_token_revoked');
    expect(customerDisconnectReason('connection_timeout', '3.4')).toBe('connection_timeout');
  });

  it('groups_status_updated is a v3.5 push', () => {
    expect(CUSTOMER_PUSHES_SINCE_3_5.has('groups_status_updated')).toBe(true);
  });
});
