import { callWeb, describeWithPostgresAndNats, TestDeployment } from '@switchboard/testing';
import { createOrganization } from './conversation.scenario';

describeWithPostgresAndNats('rate limits, distributed mode (two agent-gateway replicas)', () => {
  let deployment: TestDeployment;

  beforeAll(async () => {
    deployment = await TestDeployment.create('limits', { RATE_LIMIT_PER_TOKEN: '10/10' });
    await deployment.startAll(['configuration', 'event-relay', 'agent-gateway', 'agent-gateway']);
  }, 180_000);
  afterAll(() => deployment?.destroy());

  it("a token's request rate holds across replicas: spread over two gateways it gets what it would get from one", async () => {
    const gateways = deployment.urls('agent-gateway');
    const { ownerToken } = await createOrganization(deployment.url('configuration'), deployment.adminToken);
    const seconds = 3;
    const deadline = Date.now() + seconds * 1000;
    const admitted = [0, 0];
    let refused = 0;
    await Promise.all(
      gateways.flatMap((url, replica) =>
        Array.from({ length: 6 }, async () => {
          while (Date.now() < deadline) {
            const { status } = await callWeb(url, 'agent', 'list_chats', {}, { token: ownerToken });
            if (status === 200) admitted[replica]++;
            else if (status === 429) refused++;
            else throw new Error(`unexpected status ${status}`);
          }
        }),
      ),
    );
    const total = admitted[0] + admitted[1];
    console.log(`per-token limit 10/s, burst 10, ${seconds} s over 2 replicas: admitted ${admitted.join(' + ')} = ${total}, refused ${refused}`);
    // One replica alone would admit about 10 + 10 × 3 = 40; two unaware replicas twice that.
    expect(admitted[0]).toBeGreaterThan(0);
    expect(admitted[1]).toBeGreaterThan(0);
    expect(total).toBeLessThanOrEqual(56);
    expect(refused).toBeGreaterThan(total);
  }, 120_000);
});
