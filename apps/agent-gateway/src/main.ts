import 'reflect-metadata';
import { launch } from '@switchboard/platform';
import { AgentGatewayModule } from '@switchboard/services/agent-gateway';

launch('agent-gateway', 'agent-gateway', 'distributed', [AgentGatewayModule]);
