import type { MessageRecord, SandboxMessage } from './sandbox.types.ts';

export const API_VERSION = '2010-04-01';

/** Twilio's error body: `{ code, message, more_info, status }`, which the SDK turns into RestException. */
export interface TwilioErrorBody {
  code: number;
  message: string;
  more_info: string;
  status: number;
}

/** Builds Twilio's error body for `code`. */
export function twilioError(status: number, code: number, message: string): TwilioErrorBody {
  return { code, message, more_info: `https://www.twilio.com/docs/errors/${code}`, status };
}

let cachedSecond = -1;
let cachedRfc2822 = '';

/**
 * RFC 2822 date as Twilio writes it ('Thu, 26 Nov 2026 14:00:00 +0000'). Cached per second because
 * under load most messages share the same second.
 */
export function rfc2822(ms: number): string {
  const second = Math.floor(ms / 1000);
  if (second === cachedSecond) return cachedRfc2822;
  const text = new Date(second * 1000).toUTCString().replace('GMT', '+0000');
  cachedSecond = second;
  cachedRfc2822 = text;
  return text;
}

/** Segments Twilio would bill: 160 characters each, at least one. */
export function segmentCount(body: string): number {
  return Math.max(1, Math.ceil(body.length / 160));
}

/** Path of a message resource, without `.json`. */
export function messagePath(accountSid: string, sid: string): string {
  return `/${API_VERSION}/Accounts/${accountSid}/Messages/${sid}`;
}

/**
 * The Message resource in Twilio's wire format. `date_sent` is the creation time: the sandbox hands
 * a message to the "carrier" at once, and the `DateSent` list filters depend on it.
 */
export function toTwilioResource(record: MessageRecord): Record<string, unknown> {
  const path = messagePath(record.accountSid, record.sid);
  return {
    account_sid: record.accountSid,
    api_version: API_VERSION,
    body: record.body,
    date_created: rfc2822(record.createdMs),
    date_sent: rfc2822(record.createdMs),
    date_updated: rfc2822(record.updatedMs),
    direction: 'outbound-api',
    error_code: record.errorCode,
    error_message: null,
    from: record.from,
    messaging_service_sid: null,
    num_media: String(record.mediaUrls.length),
    num_segments: String(segmentCount(record.body)),
    price: null,
    price_unit: 'USD',
    sid: record.sid,
    status: record.status,
    subresource_uris: { media: `${path}/Media.json` },
    to: record.to,
    uri: `${path}.json`,
  };
}

/** The control API's view of a message. */
export function toSandboxMessage(record: MessageRecord): SandboxMessage {
  return {
    sid: record.sid,
    accountSid: record.accountSid,
    to: record.to,
    from: record.from,
    body: record.body,
    status: record.status,
    statusCallback: record.statusCallback,
    createdAt: new Date(record.createdMs).toISOString(),
  };
}
