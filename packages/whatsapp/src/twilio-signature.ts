import twilio from 'twilio';

/**
 * Checks X-Twilio-Signature: HMAC-SHA1 of the public URL plus the sorted form fields, with the
 * sender account's auth token, compared in constant time (the SDK's validateRequest).
 *
 * `publicUrl` must be the URL Twilio called, as configured (PUBLIC_BASE_URL + path and query), not
 * one rebuilt from the request: behind a TLS-terminating proxy the app sees http and another host.
 */
export function isValidTwilioSignature(
  authToken: string,
  signature: string | undefined,
  publicUrl: string,
  params: Record<string, string>,
): boolean {
  if (!signature || signature.length > 128) return false;
  return twilio.validateRequest(authToken, signature, publicUrl, params);
}

/** What Twilio would send for these params: for the CLI, tests and the benchmark. */
export function signTwilioRequest(
  authToken: string,
  publicUrl: string,
  params: Record<string, string>,
): string {
  return twilio.getExpectedTwilioSignature(authToken, publicUrl, params);
}
