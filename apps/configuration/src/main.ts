import 'reflect-metadata';
import { launch } from '@switchboard/platform';
import { ConfigurationModule } from '@switchboard/services/configuration';

launch('configuration', 'configuration', 'distributed', [ConfigurationModule]);
