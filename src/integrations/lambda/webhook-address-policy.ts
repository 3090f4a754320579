import { lookup as dnsLookup } from "node:dns";
import { BlockList, isIP, type LookupFunction } from "node:net";

// Which addresses a trigger webhook may reach. By default only public unicast addresses: loopback,
// private (RFC 1918, unique-local), link-local (including the cloud metadata address 169.254.169.254),
// carrier-grade NAT, "this network", multicast and reserved ranges are refused, so a pool's LambdaConfig
// cannot be used to probe the network Cognate runs in. COGNATE_WEBHOOK_ALLOW_PRIVATE=true lifts this (for
// development and tests, where webhooks listen on 127.0.0.1).
// The check runs on the address actually connected to (a custom DNS lookup), so a name that resolves to a
// public address for the check and a private one for the connection (DNS rebinding) is still refused.

function blockedRanges(): BlockList {
  const list = new BlockList();
  const v4: Array<[string, number]> = [
    ["0.0.0.0", 8],
    ["10.0.0.0", 8],
    ["100.64.0.0", 10],
    ["127.0.0.0", 8],
    ["169.254.0.0", 16],
    ["172.16.0.0", 12],
    ["192.0.0.0", 24],
    ["192.0.2.0", 24],
    ["192.168.0.0", 16],
    ["198.18.0.0", 15],
    ["198.51.100.0", 24],
    ["203.0.113.0", 24],
    ["224.0.0.0", 4],
    ["240.0.0.0", 4],
  ];
  for (const [network, prefix] of v4) list.addSubnet(network, prefix, "ipv4");
  const v6: Array<[string, number]> = [
    ["::", 128],
    ["::1", 128],
    ["64:ff9b::", 96],
    ["100::", 64],
    ["2001:db8::", 32],
    ["fc00::", 7],
    ["fe80::", 10],
    ["ff00::", 8],
  ];
  for (const [network, prefix] of v6) list.addSubnet(network, prefix, "ipv6");
  return list;
}

const BLOCKED = blockedRanges();

/** True when `address` (an IP literal) is outside the public unicast space. */
export function isPrivateAddress(address: string): boolean {
  const family = isIP(address);
  if (family === 4) return BLOCKED.check(address, "ipv4");
  if (family !== 6) return true;
  const mapped = /^::ffff:(\d+\.\d+\.\d+\.\d+)$/i.exec(address);
  if (mapped?.[1]) return BLOCKED.check(mapped[1], "ipv4");
  return BLOCKED.check(address, "ipv6");
}

export class BlockedAddressError extends Error {
  constructor(readonly address: string) {
    super(`${address} is a private or reserved address (set COGNATE_WEBHOOK_ALLOW_PRIVATE=true to allow it)`);
    this.name = "BlockedAddressError";
  }
}

/** A DNS lookup for http.request that refuses private addresses unless they are allowed. */
export function guardedLookup(allowPrivate: boolean): LookupFunction {
  return (hostname, options, callback) => {
    dnsLookup(hostname, { ...options, all: true }, (error, addresses) => {
      if (error) return callback(error, "", 4);
      const list = Array.isArray(addresses) ? addresses : [];
      const usable = allowPrivate ? list : list.filter((entry) => !isPrivateAddress(entry.address));
      const first = usable[0];
      if (!first) return callback(new BlockedAddressError(list[0]?.address ?? hostname), "", 4);
      if (options.all) return callback(null, usable);
      callback(null, first.address, first.family);
    });
  };
}
