import { ipv6Words, isPublicAddress, privateTargetOf } from './address-policy';

describe('which addresses get_url_info and webhooks may connect to', () => {
  it.each([
    ['127.0.0.1', 'loopback'],
    ['127.255.1.2', 'loopback'],
    ['10.1.2.3', 'private'],
    ['172.16.0.1', 'private'],
    ['172.31.255.255', 'private'],
    ['192.168.1.1', 'private'],
    ['169.254.169.254', 'link-local (cloud metadata)'],
    ['100.64.0.1', 'shared (carrier-grade NAT)'],
    ['0.0.0.0', 'this network'],
    ['224.0.0.1', 'multicast'],
    ['255.255.255.255', 'broadcast'],
    ['192.0.2.10', 'documentation'],
    ['::1', 'IPv6 loopback'],
    ['::', 'IPv6 unspecified'],
    ['fe80::1', 'IPv6 link-local'],
    ['fe80::1%eth0', 'IPv6 link-local with a zone'],
    ['fd12:3456::1', 'IPv6 unique local'],
    ['fc00::1', 'IPv6 unique local'],
    ['ff02::1', 'IPv6 multicast'],
    ['2001:db8::1', 'IPv6 documentation'],
    ['::ffff:127.0.0.1', 'IPv4-mapped loopback'],
    ['::ffff:7f00:1', 'IPv4-mapped loopback, hex'],
    ['::ffff:10.0.0.1', 'IPv4-mapped private'],
    ['::ffff:169.254.169.254', 'IPv4-mapped link-local'],
    ['64:ff9b::7f00:1', 'NAT64 of loopback'],
    ['2002:c0a8:0101::1', '6to4 of a private address'],
    ['::127.0.0.1', 'IPv4-compatible loopback'],
    ['example.com', 'not an address'],
  ])('refuses %s (%s)', (address) => {
    expect(isPublicAddress(address)).toBe(false);
  });

  it.each(['93.184.216.34', '8.8.8.8', '172.32.0.1', '192.169.0.1', '2606:4700::1111', '2a00:1450:4001:80b::200e', '::ffff:8.8.8.8', '64:ff9b::808:808'])(
    'allows the public address %s',
    (address) => {
      expect(isPublicAddress(address)).toBe(true);
    },
  );

  it('reads IPv6 addresses word by word', () => {
    expect(ipv6Words('::ffff:127.0.0.1')).toEqual([0, 0, 0, 0, 0, 0xffff, 0x7f00, 1]);
    expect(ipv6Words('2001:db8::1')).toEqual([0x2001, 0xdb8, 0, 0, 0, 0, 0, 1]);
    expect(ipv6Words('1:2:3:4:5:6:7:8')).toEqual([1, 2, 3, 4, 5, 6, 7, 8]);
    expect(ipv6Words('10.0.0.1')).toBeUndefined();
  });
});

describe('privateTargetOf: webhook URLs refused at registration (WEBHOOK_BLOCK_PRIVATE_TARGETS)', () => {
  it('names loopback, private and link-local literal addresses, in any notation the URL parser accepts', () => {
    for (const url of [
      'http://127.0.0.1:8080/hook',
      'http://2130706433/hook',
      'http://0x7f.1/hook',
      'https://10.0.0.5/hook',
      'http://169.254.169.254/latest/meta-data',
      'http://[::1]:3000/',
      'http://[::ffff:192.168.0.1]/',
      'http://[fd00::5]/',
    ]) {
      expect([url, privateTargetOf(url)]).toEqual([url, expect.stringMatching(/is a loopback, private, shared or link-local address$/)]);
    }
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
    expect(privateTargetOf('not a url')).toBeUndefined();
  });
});
