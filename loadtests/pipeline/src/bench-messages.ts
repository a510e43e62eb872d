import { randomBytes } from 'node:crypto';
import { signTwilioRequest } from '@elara/whatsapp/signature';
import type { BenchTenant } from './bench-stack.ts';
import type { PreparedRequest } from './load-generator.ts';

/** A mix of what users forward: scams with links, spam, and ordinary messages. */
const SAMPLE_BODIES = [
  'Your parcel is on hold. Pay the 1.99 redelivery fee now: http://dhl-parcel-fee.top/pay',
  'URGENT: your Demo Bank account is suspended. Verify your PIN at https://dem0bank-secure.xyz/login',
  'Hi mum, I lost my phone, this is my new number. Can you send me 300 for rent today?',
  'Congratulations! You have won a free iPhone. Claim your prize: bit.ly/3xYzAbc',
  'Are we still on for lunch tomorrow at 1?',
  'Your verification code is 482913. Do not share it with anyone.',
  'Earn $500 a day working from home! Message me on WhatsApp to start today.',
  '50% off all shoes this weekend only. Reply STOP to unsubscribe.',
];

let phoneCounter = 0;

/** Signed inbound webhooks, each from a new WhatsApp user, spread across the tenants. */
export function prepareInbound(
  tenants: BenchTenant[],
  publicBaseUrl: string,
  count: number,
): PreparedRequest[] {
  const path = '/webhooks/twilio/whatsapp';
  const requests: PreparedRequest[] = [];
  for (let i = 0; i < count; i += 1) {
    const tenant = tenants[i % tenants.length]!;
    phoneCounter += 1;
    const userPhone = `+1666${String(phoneCounter).padStart(7, '0')}`;
    const params = {
      MessageSid: `SM${randomBytes(16).toString('hex')}`,
      AccountSid: tenant.accountSid,
      From: `whatsapp:${userPhone}`,
      To: `whatsapp:${tenant.phoneNumber}`,
      Body: SAMPLE_BODIES[i % SAMPLE_BODIES.length]!,
      NumMedia: '0',
      ProfileName: 'Bench User',
      WaId: userPhone.slice(1),
      SmsStatus: 'received',
      ApiVersion: '2010-04-01',
    };
    requests.push({
      path,
      userPhone,
      body: Buffer.from(new URLSearchParams(params).toString()),
      headers: {
        'content-type': 'application/x-www-form-urlencoded',
        'x-twilio-signature': signTwilioRequest(tenant.authToken, publicBaseUrl + path, params),
      },
    });
  }
  return requests;
}
