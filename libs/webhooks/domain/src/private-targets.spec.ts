import { isPrivateAddress, privateTargetOf } from './private-targets';

describe('isPrivateAddress', () => {
  it.each([
    '127.0.0.1',
    '127.255.255.254',
    '10.1.2.3',
    '172.16.0.1',
    '172.31.255.255',
    '192.168.1.10',
    '169.254.169.254',
    '100.64.0.1',
    '100.127.255.255',
    '0.0.0.0',
    '0.1.2.3',
    '::1',
    '::',
    '[::1]',
    'fc00::1',
    'fd12:3456::1',
    'fe80::1',
    'fe80::1%eth0',
    'febf::1',
    '::ffff:127.0.0.1',
    '::ffff:10.0.0.1',
    '::ffff:7f00:1',
    '0:0:0:0:0:0:0:1',
  ])('%s is private', (ip) => {
    expect(isPrivateAddress(ip)).toBe(true);
  });

  it.each([
    '8.8.8.8',
    '172.15.255.255',
    '172.32.0.1',
    '192.169.0.1',
    '100.63.255.255',
    '100.128.0.1',
    '169.255.0.1',
    '1.0.0.1',
    '2001:4860:4860::8888',
    'fec0::1',
    '::ffff:8.8.8.8',
    '::2',
    'example.com',
    '',
    '999.1.1.1',
    '1.2.3',
    '1::2::3',
    'gggg::1',
  ])('%s is not', (ip) => {
    expect(isPrivateAddress(ip)).toBe(false);
  });
});

describe('privateTargetOf', () => {
  it('names loopback, private and link-local literal addresses, in any notation the URL parser accepts', () => {
    expect(privateTargetOf('http://127.0.0.1:8080/hook')).toBe('127.0.0.1 is a loopback address');
    expect(privateTargetOf('http://2130706433/hook')).toBe('127.0.0.1 is a loopback address');
    expect(privateTargetOf('http://0x7f.1/hook')).toBe('127.0.0.1 is a loopback address');
    expect(privateTargetOf('https://10.0.0.5/hook')).toBe('10.0.0.5 is a private address');
    expect(privateTargetOf('http://169.254.169.254/latest/meta-data')).toBe('169.254.169.254 is a link-local address');
    expect(privateTargetOf('http://[::1]:3000/')).toBe('[::1] is a loopback address');
    expect(privateTargetOf('http://[::ffff:192.168.0.1]/')).toBe('[::ffff:c0a8:1] is a private address');
    expect(privateTargetOf('http://[fd00::5]/')).toBe('[fd00::5] is a unique-local address');
  });

  it('names localhost and its subdomains', () => {
    expect(privateTargetOf('http://localhost:3000/hook')).toBe('localhost is this host');
    expect(privateTargetOf('http://LOCALHOST./hook')).toBe('localhost is this host');
    expect(privateTargetOf('http://api.localhost/hook')).toBe('api.localhost is this host');
  });

  it('passes public addresses, host names and text that is no URL', () => {
    expect(privateTargetOf('https://hooks.example.com/lc')).toBeUndefined();
    expect(privateTargetOf('https://8.8.8.8/lc')).toBeUndefined();
    expect(privateTargetOf('https://notlocalhost.example/lc')).toBeUndefined();
    expect(privateTargetOf('https://[2001:db8::1]/lc')).toBeUndefined();
    expect(privateTargetOf('not a url')).toBeUndefined();
  });
});
