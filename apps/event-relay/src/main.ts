import 'reflect-metadata';
import { launch } from '@switchboard/platform';
import { EventRelayModule } from '@switchboard/services/event-relay';

launch('event-relay', 'event-relay', 'distributed', [EventRelayModule]);
