import 'reflect-metadata';
import { launch } from '@switchboard/platform';
import { WebhookDispatcherModule } from '@switchboard/services/webhook-dispatcher';

launch('webhook-dispatcher', 'webhook-dispatcher', 'distributed', [WebhookDispatcherModule]);
