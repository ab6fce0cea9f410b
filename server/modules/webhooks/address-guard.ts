/**
 * Where a webhook may send: not to this machine, the private network, link-local or unique-local
 * addresses, or a cloud's metadata service — unless the configuration allows private addresses
 * (tests, development). Checked when a webhook is saved, and again at every delivery on the
 * addresses DNS gives at that moment, which are the very addresses the connection then uses, so
 * a name that resolves somewhere harmless at creation and to 127.0.0.1 later (DNS rebinding)
 * is refused.
 */
import { BlockList, isIP, type LookupFunction } from "node:net";
import { lookup as dnsLookup } from "node:dns/promises";

/** Resolves a host name to all its addresses. */
export type Resolve = (hostname: string) => Promise<Array<{ address: string; family: number }>>;

export const systemResolve: Resolve = (hostname) => dnsLookup(hostname, { all: true, verbatim: true });

const V4: Array<[string, number]> = [
  ["0.0.0.0", 8], // "this network"
  ["10.0.0.0", 8], // private
  ["100.64.0.0", 10], // shared (carrier-grade NAT; also a metadata address of some clouds)
  ["127.0.0.0", 8], // loopback
  ["169.254.0.0", 16], // link-local, with the metadata service at 169.254.169.254
  ["172.16.0.0", 12], // private
  ["192.0.0.0", 24], // protocol assignments
  ["192.0.2.0", 24], // documentation
  ["192.168.0.0", 16], // private
  ["198.18.0.0", 15], // benchmarking
  ["198.51.100.0", 24], // documentation
  ["203.0.113.0", 24], // documentation
  ["224.0.0.0", 4], // multicast
  ["240.0.0.0", 4], // reserved, and the broadcast address
];
const V6: Array<[string, number]> = [
  ["::", 128], // unspecified
  ["::1", 128], // loopback
  ["100::", 64], // discard
  ["2001::", 32], // Teredo (hides an IPv4 address)
  ["2001:db8::", 32], // documentation
  ["fc00::", 7], // unique-local (and fd00:ec2::254, a metadata address)
  ["fe80::", 10], // link-local
  ["ff00::", 8], // multicast
];

const blocked = new BlockList();
for (const [net, prefix] of V4) blocked.addSubnet(net, prefix, "ipv4");
for (const [net, prefix] of V6) blocked.addSubnet(net, prefix, "ipv6");

/** The 16 bytes of an IPv6 address (with or without an embedded dotted IPv4 tail); null when malformed. */
function ipv6Bytes(ip: string): number[] | null {
  let text = ip.toLowerCase().split("%")[0]!;
  const tail: number[] = [];
  const dotted = /(\d+\.\d+\.\d+\.\d+)$/.exec(text);
  if (dotted) {
    tail.push(...dotted[1]!.split(".").map(Number));
    text = `${text.slice(0, -dotted[1]!.length)}0:0`;
  }
  const halves = text.split("::");
  if (halves.length > 2) return null;
  const groups = (s: string) => (s === "" ? [] : s.split(":"));
  const head = groups(halves[0]!);
  const rest = halves.length === 2 ? groups(halves[1]!) : [];
  const missing = 8 - head.length - rest.length;
  if (missing < 0 || (halves.length === 1 && missing !== 0)) return null;
  const all = [...head, ...Array<string>(missing).fill("0"), ...rest];
  const bytes = all.flatMap((g) => {
    const n = parseInt(g, 16);
    return [n >> 8, n & 255];
  });
  if (tail.length) bytes.splice(12, 4, ...tail);
  return bytes.length === 16 && bytes.every((b) => Number.isInteger(b) && b >= 0 && b <= 255) ? bytes : null;
}

/** The IPv4 address an IPv6 address carries (mapped, NAT64, 6to4), if any. */
function embeddedIpv4(bytes: number[]): string | null {
  const isZero = (from: number, to: number) => bytes.slice(from, to).every((b) => b === 0);
  const v4 = (at: number) => bytes.slice(at, at + 4).join(".");
  if (isZero(0, 10) && bytes[10] === 0xff && bytes[11] === 0xff) return v4(12); // ::ffff:a.b.c.d
  if (isZero(0, 12)) return v4(12); // ::a.b.c.d (deprecated compatible form)
  if (bytes[0] === 0x00 && bytes[1] === 0x64 && bytes[2] === 0xff && bytes[3] === 0x9b) return v4(12); // 64:ff9b::/96 NAT64
  if (bytes[0] === 0x20 && bytes[1] === 0x02) return v4(2); // 2002::/16 6to4
  return null;
}

/** True when `ip` is an address a webhook may reach from a production server. */
export function isPublicAddress(ip: string): boolean {
  const family = isIP(ip);
  if (family === 4) return !blocked.check(ip, "ipv4");
  if (family !== 6) return false;
  const bytes = ipv6Bytes(ip);
  if (!bytes) return false;
  const inner = embeddedIpv4(bytes);
  if (inner && inner !== "0.0.0.0" && blocked.check(inner, "ipv4")) return false;
  return !blocked.check(ip.split("%")[0]!, "ipv6");
}

/** A refused destination: the message names the host and the address. */
export class AddressRefusedError extends Error {
  override name = "AddressRefusedError";
}

/** The URL's host as a bare name or address (IPv6 without its brackets). */
export function hostOf(url: URL): string {
  return url.hostname.replace(/^\[(.*)\]$/, "$1");
}

function refusal(host: string, address: string): AddressRefusedError {
  const shown = host === address ? address : `${host} (${address})`;
  return new AddressRefusedError(`${shown} is a loopback, private, link-local or otherwise internal address`);
}

/**
 * Resolves the URL's host and checks every address it has. Throws AddressRefusedError for an
 * internal address (unless allowed), and an Error when the name does not resolve.
 */
export async function checkDestination(url: URL, allowPrivate: boolean, resolve: Resolve = systemResolve): Promise<void> {
  if (allowPrivate) return;
  const host = hostOf(url);
  if (isIP(host)) {
    if (!isPublicAddress(host)) throw refusal(host, host);
    return;
  }
  const addresses = await resolve(host);
  if (addresses.length === 0) throw new Error(`${host} does not resolve`);
  const internal = addresses.find((a) => !isPublicAddress(a.address));
  if (internal) throw refusal(host, internal.address);
}

/**
 * A `lookup` for http.request that resolves the name, refuses internal addresses (unless
 * allowed) and hands the connection exactly the addresses it checked.
 */
export function guardedLookup(allowPrivate: boolean, resolve: Resolve = systemResolve): LookupFunction {
  return (hostname, options, callback) => {
    resolve(hostname).then(
      (addresses) => {
        const wanted = options.family === 4 || options.family === 6 ? addresses.filter((a) => a.family === options.family) : addresses;
        const internal = allowPrivate ? undefined : wanted.find((a) => !isPublicAddress(a.address));
        if (internal) return callback(refusal(hostname, internal.address), "", 0);
        if (wanted.length === 0) return callback(Object.assign(new Error(`${hostname} does not resolve`), { code: "ENOTFOUND" }), "", 0);
        if (options.all) return callback(null, wanted);
        callback(null, wanted[0]!.address, wanted[0]!.family);
      },
      (e: NodeJS.ErrnoException) => callback(e, "", 0),
    );
  };
}
