import { randomBytes } from 'node:crypto';
import type { LocalDefaults } from '@elara/dev-stack/local-defaults';
import { createSandboxControlClient } from '@elara/twilio-sandbox/client';
import { signTwilioRequest } from '@elara/whatsapp/signature';

export interface DemoMessage {
  from: string;
  to: string;
  text: string;
  /** The auth token of the account that owns `to` (the demo account's by default). */
  authToken: string;
  timeoutMs: number;
}

/**
 * Plays Twilio: posts a signed inbound webhook to the API as a WhatsApp user would cause, then waits
 * for the reply to reach the sandbox and returns it.
 */
export async function sendAsWhatsAppUser(local: LocalDefaults, message: DemoMessage): Promise<string> {
  const sandbox = createSandboxControlClient(local.SANDBOX_URL);
  const userAddress = `whatsapp:${message.from}`;
  const before = (await sandbox.listMessages({ to: userAddress })).length;
  const params = {
    MessageSid: `SM${randomBytes(16).toString('hex')}`,
    AccountSid: local.DEMO_TWILIO_ACCOUNT_SID,
    From: userAddress,
    To: `whatsapp:${message.to}`,
    Body: message.text,
    NumMedia: '0',
    ProfileName: 'Demo user',
  };
  const path = '/webhooks/twilio/whatsapp';
  const res = await fetch(new URL(path, local.API_URL), {
    method: 'POST',
    headers: {
      'content-type': 'application/x-www-form-urlencoded',
      'x-twilio-signature': signTwilioRequest(
        message.authToken,
        local.PUBLIC_BASE_URL.replace(/\/$/, '') + path,
        params,
      ),
    },
    body: new URLSearchParams(params).toString(),
  });
  if (res.status !== 200) throw new Error(`webhook answered ${res.status}: ${await res.text()}`);
  const replies = await sandbox.waitForMessages({
    to: userAddress,
    count: before + 1,
    timeoutMs: message.timeoutMs,
  });
  return replies[replies.length - 1]!.body;
}
