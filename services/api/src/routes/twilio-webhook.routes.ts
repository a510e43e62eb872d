import express, { type Request, type Response, Router } from 'express';
import type { Logger } from '@elara/logger/logger';
import type { IntakeService } from '@elara/pipeline/intake';
import type { StatusCallbackService } from '@elara/pipeline/status';
import { inboundFormSchema, mediaItems } from '@elara/whatsapp/inbound';
import type { ResolvedSender, SenderDirectory } from '@elara/whatsapp/senders';
import { isValidTwilioSignature } from '@elara/whatsapp/signature';
import { statusCallbackSchema } from '@elara/whatsapp/status';
import { sendError } from '../http/errors.ts';

const EMPTY_TWIML = '<?xml version="1.0" encoding="UTF-8"?><Response></Response>';

export interface TwilioWebhookDeps {
  publicBaseUrl: string;
  senders: SenderDirectory;
  intake: IntakeService;
  statusCallbacks: StatusCallbackService;
  logger: Logger;
}

type FormBody = Record<string, string>;

function formBody(req: Request): FormBody | null {
  const body: unknown = req.body;
  if (!body || typeof body !== 'object') return null;
  for (const value of Object.values(body)) if (typeof value !== 'string') return null;
  return body as FormBody;
}

/** Resolves the number's tenant and checks the signature; answers the error itself when it fails. */
async function authenticate(
  deps: TwilioWebhookDeps,
  req: Request,
  res: Response,
  params: FormBody,
  ourNumber: string,
): Promise<ResolvedSender | null> {
  const sender = await deps.senders.resolve(ourNumber);
  if (!sender || !sender.tenantActive) {
    sendError(res, 404, 'unknown_number', 'this WhatsApp number is not served here');
    return null;
  }
  const url = deps.publicBaseUrl + req.originalUrl;
  if (!isValidTwilioSignature(sender.authToken, req.get('x-twilio-signature'), url, params)) {
    sendError(res, 403, 'bad_signature', 'X-Twilio-Signature does not match');
    return null;
  }
  return sender;
}

/** Twilio's webhooks: inbound WhatsApp messages and delivery status callbacks. */
export function twilioWebhookRoutes(deps: TwilioWebhookDeps): Router {
  const router = Router();
  router.use(express.urlencoded({ extended: false, limit: '32kb', parameterLimit: 64 }));

  router.post('/webhooks/twilio/whatsapp', async (req, res) => {
    const params = formBody(req);
    const parsed = params && inboundFormSchema.safeParse(params);
    if (!params || !parsed?.success)
      return sendError(res, 400, 'bad_request', 'not a Twilio WhatsApp message');
    const form = parsed.data;
    const sender = await authenticate(deps, req, res, params, form.To);
    if (!sender) return;
    const result = await deps.intake.acceptInbound(sender, {
      messageSid: form.MessageSid,
      fromPhone: form.From,
      profileName: form.ProfileName,
      body: form.Body,
      media: mediaItems(params, form.NumMedia),
    });
    res.type('text/xml').status(200).send(EMPTY_TWIML);
    if (result.duplicate)
      deps.logger.info({ tenantId: sender.tenantId }, 'duplicate MessageSid acknowledged');
  });

  router.post('/webhooks/twilio/status', async (req, res) => {
    const params = formBody(req);
    const parsed = params && statusCallbackSchema.safeParse(params);
    if (!params || !parsed?.success)
      return sendError(res, 400, 'bad_request', 'not a Twilio status callback');
    const sender = await authenticate(deps, req, res, params, parsed.data.From);
    if (!sender) return;
    await deps.statusCallbacks.apply(sender.tenantId, parsed.data);
    res.status(204).end();
  });

  return router;
}
