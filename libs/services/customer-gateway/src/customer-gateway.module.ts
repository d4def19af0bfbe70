import { Module } from '@nestjs/common';

/**
 * Customer Chat API (Web + RTM): customer sessions, pushes to customers.
 * The foundation only wires it into both modes; its API arrives with the next issues.
 */
@Module({})
export class CustomerGatewayModule {}
