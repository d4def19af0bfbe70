import 'reflect-metadata';
import { launch } from '@switchboard/platform';
import { CustomerGatewayModule } from '@switchboard/services/customer-gateway';

launch('customer-gateway', 'customer-gateway', 'distributed', [CustomerGatewayModule]);
