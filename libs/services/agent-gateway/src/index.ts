export * from './agent-gateway.module';
