/**
 * What the inspector learned about one link. Structurally identical to `LinkFacts` in
 * `@elara/detection/types` (this package does not depend on detection), so a result map can be
 * passed straight to `scanMessage({ linkFacts })`.
 */
export interface LinkFacts {
  /** Final URL after following redirects, when it differs from the link itself. */
  finalUrl?: string;
  /** Number of redirects followed (or seen, when the chain was cut short). */
  redirects?: number;
  /** Days since the registrable domain was registered (RDAP), when known. */
  domainAgeDays?: number;
}

/** A link to inspect: its normalised URL (the map key of the result) and lowercase ASCII host. */
export interface LinkTarget {
  url: string;
  host: string;
}

/** One resolved address, as `dns.lookup(..., { all: true })` returns it. */
export interface ResolvedAddress {
  address: string;
  family: 4 | 6;
}

/** Resolves a hostname to all its addresses; rejects when it cannot. Injectable for tests. */
export type HostLookup = (hostname: string) => Promise<ResolvedAddress[]>;

/** Which connections the inspector may open. Every hop, redirects included, is checked. */
export interface AddressPolicy {
  /** Whether `address`, resolved for `hostname` (or written as an IP literal), may be connected to. */
  allowsAddress(address: string, hostname: string): boolean;
  /** Whether a connection to this TCP port may be opened. */
  allowsPort(port: number): boolean;
}
