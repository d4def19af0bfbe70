import { basicCredentials, hashPersonalAccessToken, newPersonalAccessToken } from './personal-access-tokens';

describe('personal access tokens', () => {
  it('are random secrets known to the server only by their hash', () => {
    const first = newPersonalAccessToken();
    const second = newPersonalAccessToken();
    expect(first.secret).not.toBe(second.secret);
    expect(first.hash).toBe(hashPersonalAccessToken(first.secret));
    expect(first.hash).not.toContain(first.secret);
  });

  it('are read from Basic base64(account_id:token), and nothing else', () => {
    const value = Buffer.from('max@acme.example:sbpat_abc').toString('base64');
    expect(basicCredentials(`Basic ${value}`)).toEqual({ accountId: 'max@acme.example', secret: 'sbpat_abc' });
    expect(basicCredentials(`basic  ${value} `)).toEqual({ accountId: 'max@acme.example', secret: 'sbpat_abc' });
    for (const wrong of ['Bearer dal:x', 'Basic', 'Basic !!', `Basic ${Buffer.from('no-colon').toString('base64')}`, `Basic ${Buffer.from(':secret').toString('base64')}`, undefined]) {
      expect(basicCredentials(wrong)).toBeUndefined();
    }
  });
});
