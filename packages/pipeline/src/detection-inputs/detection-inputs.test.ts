import type { LinkFacts, TenantUrlLists } from '@elara/detection/types';
import { describe, expect, it } from 'vitest';
import { gatherDetectionInputs, type LinkInspector } from './detection-inputs.ts';

const lists: TenantUrlLists = { allow: ['demobank.com'], block: ['bad.example'] };
const tenantUrlLists = { get: async () => lists };

function recordingInspector() {
  const calls: Array<ReadonlyArray<{ url: string; host: string }>> = [];
  const inspector: LinkInspector = {
    async inspect(links) {
      calls.push(links);
      return new Map<string, LinkFacts>(
        links.map((l) => [l.url, { redirects: 1, finalUrl: 'https://x.example/' }]),
      );
    },
  };
  return { inspector, calls };
}

describe('gatherDetectionInputs', () => {
  it("passes the tenant's lists and the current threat index", async () => {
    const threats = { match: () => [] };
    const inputs = await gatherDetectionInputs({ tenantUrlLists, threats: () => threats }, 't1', 'hello');
    expect(inputs.tenantLists).toBe(lists);
    expect(inputs.threats).toBe(threats);
    expect(inputs.linkFacts).toBeUndefined();
  });

  it('asks the inspector about the normalised links only when the message has some', async () => {
    const { inspector, calls } = recordingInspector();
    const none = await gatherDetectionInputs(
      { tenantUrlLists, linkInspector: inspector },
      't1',
      'no links here',
    );
    expect(calls).toHaveLength(0);
    expect(none.linkFacts).toBeUndefined();
    const some = await gatherDetectionInputs(
      { tenantUrlLists, linkInspector: inspector },
      't1',
      'see bit.ly/abc and hxxps://Evil[.]example/Login',
    );
    expect(calls[0]).toEqual([
      { url: 'http://bit.ly/abc', host: 'bit.ly' },
      { url: 'https://evil.example/Login', host: 'evil.example' },
    ]);
    expect(some.linkFacts?.get('http://bit.ly/abc')).toEqual({
      redirects: 1,
      finalUrl: 'https://x.example/',
    });
  });
});
