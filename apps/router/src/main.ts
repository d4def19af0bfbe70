import 'reflect-metadata';
import { launch } from '@switchboard/platform';
import { RouterModule } from '@switchboard/services/router';

launch('router', 'router', 'distributed', [RouterModule]);
