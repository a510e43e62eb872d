import { describe, expect, it } from 'vitest';
import { parseInstant } from './assertion-checks.ts';
import { SamlRejected } from './saml-rejected.ts';

describe('parseInstant', () => {
  it('reads UTC xs:dateTime with or without fractions (ADFS writes seven digits)', () => {
    expect(parseInstant('2024-03-01T12:00:00Z')).toBe(Date.UTC(2024, 2, 1, 12));
    expect(parseInstant('2024-03-01T12:00:00.1234567Z')).toBe(Date.UTC(2024, 2, 1, 12, 0, 0, 123));
  });

  it.each([
    '2024-03-01T12:00:00',
    '2024-03-01T12:00:00+02:00',
    '2024-02-30T00:00:00Z',
    '2024-03-01T24:00:00Z',
    'tomorrow',
    '',
  ])('refuses %j', (value) => {
    expect(() => parseInstant(value)).toThrow(SamlRejected);
  });
});
