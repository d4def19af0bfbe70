import { ConfigurationRuleError } from './agent';
import { decideOrganization, foldOrganization, OrganizationCommand, OrganizationEvent } from './organization';
import { RegisteredWebhook } from './webhooks';

const organizationCreated: OrganizationEvent = {
  type: 'organization_created',
  data: { organization_id: 'o', license_id: 123456789, name: 'Acme', owner_id: 'boss@acme.com', created_at: 't' },
};

const hook = (id: string, changes: Partial<RegisteredWebhook> = {}): RegisteredWebhook => ({
  id,
  owner_client_id: 'app',
  type: 'license',
  action: 'incoming_chat',
  url: 'https://hooks.example/lc',
  secret_key: 's3cret',
  ...changes,
});
const registered = (webhook: RegisteredWebhook): OrganizationEvent => ({ type: 'webhook_registered', data: { webhook, created_at: 't' } });

/** Given these events, when this command is decided: the events it records, or the rule it breaks. */
const given = (...events: OrganizationEvent[]) => ({
  when: (command: OrganizationCommand) => ({
    then: (expected: OrganizationEvent[]) => expect(decideOrganization(foldOrganization([organizationCreated, ...events]), command)).toEqual(expected),
    thenFails: (type: ConfigurationRuleError['type']) => {
      expect(() => decideOrganization(foldOrganization([organizationCreated, ...events]), command)).toThrow(
        expect.objectContaining({ name: 'ConfigurationRuleError', type }),
      );
    },
  }),
});

describe('webhooks of an organization', () => {
  describe('register_webhook', () => {
    it('records the webhook with its time', () => {
      const webhook = hook('w1', { filters: { author_type: 'customer' }, additional_data: ['chat_properties'], description: 'CRM' });
      given()
        .when({ type: 'register_webhook', webhook, now: '2024-05-01T10:00:00.000Z' })
        .then([{ type: 'webhook_registered', data: { webhook, created_at: '2024-05-01T10:00:00.000Z' } }]);
    });

    it('refuses a fourth webhook of the same action for the same client id, license and bot ones together', () => {
      given(registered(hook('w1')), registered(hook('w2', { type: 'bot' })), registered(hook('w3')))
        .when({ type: 'register_webhook', webhook: hook('w4'), now: 't' })
        .thenFails('limit_reached');
    });

    it('counts per action and per client id', () => {
      const three = [registered(hook('w1')), registered(hook('w2')), registered(hook('w3'))];
      given(...three).when({ type: 'register_webhook', webhook: hook('w4', { action: 'chat_deactivated' }), now: 't' }).then([
        registered(hook('w4', { action: 'chat_deactivated' })),
      ]);
      given(...three).when({ type: 'register_webhook', webhook: hook('w4', { owner_client_id: 'other' }), now: 't' }).then([
        registered(hook('w4', { owner_client_id: 'other' })),
      ]);
    });

    it('frees a place when one is unregistered', () => {
      given(registered(hook('w1')), registered(hook('w2')), registered(hook('w3')), { type: 'webhook_unregistered', data: { id: 'w2', owner_client_id: 'app' } })
        .when({ type: 'register_webhook', webhook: hook('w4'), now: 't' })
        .then([registered(hook('w4'))]);
    });

    it('refuses an id already registered', () => {
      given(registered(hook('w1'))).when({ type: 'register_webhook', webhook: hook('w1', { action: 'chat_deactivated' }), now: 't' }).thenFails('already_exists');
    });

    it('needs the organization', () => {
      expect(() => decideOrganization(undefined, { type: 'register_webhook', webhook: hook('w1'), now: 't' })).toThrow(ConfigurationRuleError);
    });
  });

  describe('unregister_webhook', () => {
    it("records the client's webhook leaving", () => {
      given(registered(hook('w1')))
        .when({ type: 'unregister_webhook', id: 'w1', owner_client_id: 'app' })
        .then([{ type: 'webhook_unregistered', data: { id: 'w1', owner_client_id: 'app' } }]);
    });

    it("is not_found for an unknown id, another client's webhook, or one already unregistered", () => {
      given(registered(hook('w1'))).when({ type: 'unregister_webhook', id: 'nope', owner_client_id: 'app' }).thenFails('not_found');
      given(registered(hook('w1'))).when({ type: 'unregister_webhook', id: 'w1', owner_client_id: 'other' }).thenFails('not_found');
      given(registered(hook('w1')), { type: 'webhook_unregistered', data: { id: 'w1', owner_client_id: 'app' } })
        .when({ type: 'unregister_webhook', id: 'w1', owner_client_id: 'app' })
        .thenFails('not_found');
    });
  });

  describe('license webhook state', () => {
    const disabled: OrganizationEvent = { type: 'license_webhooks_disabled', data: { owner_client_id: 'app' } };

    it('is enabled by default: enabling records nothing, disabling records the change', () => {
      given().when({ type: 'enable_license_webhooks', owner_client_id: 'app' }).then([]);
      given().when({ type: 'disable_license_webhooks', owner_client_id: 'app' }).then([disabled]);
    });

    it('stays disabled until enabled: disabling again records nothing', () => {
      given(disabled).when({ type: 'disable_license_webhooks', owner_client_id: 'app' }).then([]);
      given(disabled)
        .when({ type: 'enable_license_webhooks', owner_client_id: 'app' })
        .then([{ type: 'license_webhooks_enabled', data: { owner_client_id: 'app' } }]);
    });

    it('is kept per client id, across unregistering and registering again', () => {
      given(disabled, registered(hook('w1')), { type: 'webhook_unregistered', data: { id: 'w1', owner_client_id: 'app' } }, registered(hook('w2')))
        .when({ type: 'disable_license_webhooks', owner_client_id: 'app' })
        .then([]);
      given(disabled).when({ type: 'disable_license_webhooks', owner_client_id: 'other' }).then([
        { type: 'license_webhooks_disabled', data: { owner_client_id: 'other' } },
      ]);
    });
  });

  describe('pause_webhook and resume_webhook', () => {
    const paused: OrganizationEvent = { type: 'webhook_paused', data: { id: 'w1', owner_client_id: 'app' } };
    const resumed: OrganizationEvent = { type: 'webhook_resumed', data: { id: 'w1', owner_client_id: 'app' } };

    it("records the client's webhook paused, then resumed", () => {
      given(registered(hook('w1'))).when({ type: 'pause_webhook', id: 'w1', owner_client_id: 'app' }).then([paused]);
      given(registered(hook('w1')), paused).when({ type: 'resume_webhook', id: 'w1', owner_client_id: 'app' }).then([resumed]);
    });

    it('records nothing when the webhook already is paused, or is not paused', () => {
      given(registered(hook('w1')), paused).when({ type: 'pause_webhook', id: 'w1', owner_client_id: 'app' }).then([]);
      given(registered(hook('w1'))).when({ type: 'resume_webhook', id: 'w1', owner_client_id: 'app' }).then([]);
      given(registered(hook('w1')), paused, resumed).when({ type: 'resume_webhook', id: 'w1', owner_client_id: 'app' }).then([]);
    });

    it("is not_found for an unknown id, another client's webhook, or one unregistered", () => {
      for (const type of ['pause_webhook', 'resume_webhook'] as const) {
        given(registered(hook('w1'))).when({ type, id: 'nope', owner_client_id: 'app' }).thenFails('not_found');
        given(registered(hook('w1'))).when({ type, id: 'w1', owner_client_id: 'other' }).thenFails('not_found');
        given(registered(hook('w1')), paused, { type: 'webhook_unregistered', data: { id: 'w1', owner_client_id: 'app' } })
          .when({ type, id: 'w1', owner_client_id: 'app' })
          .thenFails('not_found');
      }
    });

    it('forgets the pause when the webhook is unregistered', () => {
      const state = foldOrganization([organizationCreated, registered(hook('w1')), paused, { type: 'webhook_unregistered', data: { id: 'w1', owner_client_id: 'app' } }]);
      expect(state?.webhooks.paused).toEqual([]);
    });
  });
});
