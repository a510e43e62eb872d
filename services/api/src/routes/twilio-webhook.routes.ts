import express, { type NextFunction, type Request, type Response, Router } from 'express';
import type { Logger } from '@elara/logger/logger';
import type { ElaraMetrics, WebhookOutcome, WebhookRoute } from '@elara/metrics/metrics';
import type { IntakeService } from '@elara/pipeline/intake';
import type { StatusCallbackService } from '@elara/pipeline/status';
import { inboundFormSchema, mediaItems } from '@elara/whatsapp/inbound';
import type { ResolvedSender, SenderDirectory } from '@elara/whatsapp/senders';
import { isValidTwilioSignature } from '@elara/whatsapp/signature';
import { statusCallbackSchema } from '@elara/whatsapp/status';
import { SPAN_ATTRIBUTES as ATTR, setActiveSpanAttributes } from '@elara/telemetry/tracing';
import { sendError } from '../http/errors.ts';
import { traceRequest } from '../http/trace-request.ts';

const EMPTY_TWIML = '<?xml version="1.0" encoding="UTF-8"?><Response></Response>';

export interface TwilioWebhookDeps {
  publicBaseUrl: string;
  senders: SenderDirectory;
  intake: IntakeService;
  statusCallbacks: StatusCallbackService;
  logger: Logger;
  /** Requests and acknowledgement times are recorded here when given. */
  metrics?: ElaraMetrics;
}

const OBSERVED_ROUTES: Record<string, WebhookRoute> = {
  '/webhooks/twilio/whatsapp': 'whatsapp',
  '/webhooks/twilio/status': 'status',
};

function outcomeOf(res: Response): WebhookOutcome {
  const status = res.statusCode;
  if (status < 300) return res.locals.duplicate === true ? 'duplicate' : 'accepted';
  if (status === 403) return 'bad_signature';
  if (status === 404) return 'unknown_number';
  if (status >= 400 && status < 500) return 'bad_request';
  return 'error';
}

/**
 * Counts every webhook request by outcome (read from the answer, so body-parser refusals count as
 * bad_request) and times it; before the body parser, so its time is included.
 */
function observeWebhooks(metrics: ElaraMetrics | undefined) {
  return (req: Request, res: Response, next: NextFunction) => {
    const route = req.method === 'POST' ? OBSERVED_ROUTES[req.path] : undefined;
    if (!metrics || !route) return next();
    const done = metrics.webhookAckDuration.startTimer();
    res.once('finish', () => {
      done({ route });
      const tenantId = typeof res.locals.tenantId === 'string' ? res.locals.tenantId : '';
      metrics.webhookRequests.inc({ route, outcome: outcomeOf(res), tenant_id: tenantId });
    });
    next();
  };
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
  if (sender) res.locals.tenantId = sender.tenantId;
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
  router.use(observeWebhooks(deps.metrics));
  router.use(express.urlencoded({ extended: false, limit: '32kb', parameterLimit: 64 }));

  const inboundRoute = '/webhooks/twilio/whatsapp';
  // The span of the message's trace; the job continues it (see `inboundJob`).
  router.post(inboundRoute, traceRequest('webhook twilio.whatsapp', inboundRoute), async (req, res) => {
    const params = formBody(req);
    const parsed = params && inboundFormSchema.safeParse(params);
    if (!params || !parsed?.success)
      return sendError(res, 400, 'bad_request', 'not a Twilio WhatsApp message');
    const form = parsed.data;
    const sender = await authenticate(deps, req, res, params, form.To);
    if (!sender) return;
    setActiveSpanAttributes({ [ATTR.tenantId]: sender.tenantId });
    const result = await deps.intake.acceptInbound(sender, {
      messageSid: form.MessageSid,
      fromPhone: form.From,
      profileName: form.ProfileName,
      body: form.Body,
      media: mediaItems(params, form.NumMedia),
    });
    res.locals.duplicate = result.duplicate;
    setActiveSpanAttributes({
      [ATTR.duplicate]: result.duplicate,
      ...(result.inboundMessageId ? { [ATTR.inboundMessageId]: result.inboundMessageId } : {}),
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
