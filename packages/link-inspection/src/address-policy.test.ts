import { describe, expect, it } from 'vitest';
import { defaultAddressPolicy, isPublicAddress } from './address-policy.ts';

describe('isPublicAddress', () => {
  it.each([
    ['127.0.0.1', 'loopback'],
    ['127.255.255.254', 'loopback'],
    ['10.0.0.1', 'private'],
    ['172.16.5.4', 'private'],
    ['192.168.1.1', 'private'],
    ['169.254.169.254', 'link-local (cloud metadata)'],
    ['100.64.0.1', 'carrier-grade NAT'],
    ['0.0.0.0', 'unspecified'],
    ['224.0.0.1', 'multicast'],
    ['255.255.255.255', 'broadcast'],
    ['192.0.2.1', 'documentation'],
    ['198.18.0.1', 'benchmarking'],
    ['240.0.0.1', 'reserved'],
    ['::1', 'IPv6 loopback'],
    ['[::1]', 'bracketed IPv6 loopback'],
    ['::', 'IPv6 unspecified'],
    ['fe80::1', 'IPv6 link-local'],
    ['fe80::1%eth0', 'IPv6 link-local with a zone'],
    ['fc00::1', 'unique-local'],
    ['fd12:3456::1', 'unique-local'],
    ['ff02::1', 'IPv6 multicast'],
    ['::ffff:127.0.0.1', 'IPv4-mapped loopback'],
    ['::ffff:169.254.169.254', 'IPv4-mapped metadata'],
    ['::ffff:8.8.8.8', 'IPv4-mapped, even of a public address'],
    ['::ffff:7f00:1', 'IPv4-mapped in hex'],
    ['64:ff9b::7f00:1', 'NAT64 embedding 127.0.0.1'],
    ['2002:7f00:1::', '6to4 embedding 127.0.0.1'],
    ['2001:db8::1', 'IPv6 documentation'],
    ['not-an-ip', 'garbage'],
    ['', 'empty'],
  ])('refuses %s (%s)', (address) => {
    expect(isPublicAddress(address)).toBe(false);
  });

  it.each(['8.8.8.8', '1.1.1.1', '93.184.216.34', '2606:4700:4700::1111', '2a00:1450:4001:82a::200e'])(
    'allows public %s',
    (address) => {
      expect(isPublicAddress(address)).toBe(true);
    },
  );
});

describe('defaultAddressPolicy', () => {
  it('allows public addresses only, whatever the host name', () => {
    expect(defaultAddressPolicy.allowsAddress('8.8.8.8', 'example.com')).toBe(true);
    expect(defaultAddressPolicy.allowsAddress('127.0.0.1', 'shortener.test')).toBe(false);
    expect(defaultAddressPolicy.allowsAddress('169.254.169.254', 'metadata.google.internal')).toBe(false);
  });

  it('allows ports 80 and 443 only', () => {
    expect(defaultAddressPolicy.allowsPort(80)).toBe(true);
    expect(defaultAddressPolicy.allowsPort(443)).toBe(true);
    for (const port of [22, 25, 6379, 5432, 8080, 8443, 0])
      expect(defaultAddressPolicy.allowsPort(port)).toBe(false);
  });
});
