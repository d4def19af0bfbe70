import { customerBannedMessage, customerUpdatedMessage } from './customer-system-messages';

describe('system messages about a customer (routing.md system messages)', () => {
  it('customer_updated names the agent and what changed: the name, the e-mail, or both', () => {
    expect(customerUpdatedMessage({ name: 'Cat' }, 'Jo')).toEqual({
      system_message_type: 'customer_updated',
      text: "Jo has changed customer's name to Cat",
      text_vars: { initiator: 'Jo', customer_name: 'Cat' },
    });
    expect(customerUpdatedMessage({ email: 'c@example.com' }, 'Jo')?.text).toBe("Jo has changed customer's email to c@example.com");
    expect(customerUpdatedMessage({ name: 'Cat', email: 'c@example.com' }, 'Jo')?.text).toBe("Jo has changed customer's name to Cat and email to c@example.com");
  });

  it('without an initiator (an integration) the text says what has been changed', () => {
    expect(customerUpdatedMessage({ name: 'Cat' }, undefined)?.text).toBe("Customer's name has been changed to Cat");
  });

  it('an avatar or session fields alone call for none', () => {
    expect(customerUpdatedMessage({ avatar: 'https://example.com/a.png', session_fields: [{ a: 'b' }] }, 'Jo')).toBeUndefined();
  });

  it('customer_banned says who banned and for how long', () => {
    expect(customerBannedMessage('Jo', 3)).toEqual({
      system_message_type: 'customer_banned',
      text: 'Chat archived because customer was banned by Jo for 3 day(s)',
      text_vars: { agent: 'Jo', duration: '3' },
    });
  });
});
