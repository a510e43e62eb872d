import { listLinks } from '@elara/detection/links';
import type { LinkFacts, ScanInput, ThreatLookup } from '@elara/detection/types';
import type { TenantUrlListCache } from './tenant-url-lists.cache.ts';

/** The optional network steps (shortener expansion, domain age), e.g. `@elara/link-inspection`. */
export interface LinkInspector {
  inspect(links: ReadonlyArray<{ url: string; host: string }>): Promise<Map<string, LinkFacts>>;
}

/** Where the scan's outside knowledge comes from; each part is optional but the tenant lists. */
export interface DetectionSources {
  /** The current threat-feed index (it is swapped when the feeds change). */
  threats?: () => ThreatLookup;
  tenantUrlLists: TenantUrlListCache;
  linkInspector?: LinkInspector;
}

export type DetectionInputs = Pick<ScanInput, 'threats' | 'tenantLists' | 'linkFacts'>;

/**
 * Gathers what the scan needs beyond the text: the tenant's lists (cached), the threat index
 * (in memory) and, only when configured, facts from the network about the message's links.
 */
export async function gatherDetectionInputs(
  sources: DetectionSources,
  tenantId: string,
  text: string,
): Promise<DetectionInputs> {
  const tenantLists = await sources.tenantUrlLists.get(tenantId);
  const inputs: DetectionInputs = { tenantLists };
  if (sources.threats) inputs.threats = sources.threats();
  if (sources.linkInspector) {
    const links = listLinks(text);
    if (links.length > 0) inputs.linkFacts = await sources.linkInspector.inspect(links);
  }
  return inputs;
}
