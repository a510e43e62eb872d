import { randomUUID } from 'node:crypto';
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { AccountRegistry } from './account-registry.ts';
import type { FaultInjector } from './fault-injector.ts';
import { readBody, sendJson } from './http-io.ts';
import { listMessagesPage, parseMessageListQuery } from './message-list.ts';
import type { MessageStore, NewMessageRecord } from './message-store.ts';
import type { MessageRecord } from './sandbox.types.ts';
import { API_VERSION, toTwilioResource, twilioError, type TwilioErrorBody } from './twilio-format.ts';

/** Path prefix of every Twilio REST route the sandbox serves. */
export const ACCOUNTS_PREFIX = `/${API_VERSION}/Accounts/`;
const MAX_BODY_CHARS = 1600;
const AUTH_ERROR = twilioError(401, 20003, 'Authenticate');
/** Shared by every message without media; records never mutate it. */
const NO_MEDIA: readonly string[] = Object.freeze([]);

export interface TwilioRoutesDeps {
  store: MessageStore;
  accounts: AccountRegistry;
  faults: FaultInjector;
  /** Stores a new message and starts its status lifecycle. */
  recordMessage: (input: NewMessageRecord) => MessageRecord;
  now: () => number;
}

/** Twilio counts characters, not UTF-16 units; only pay for the exact count near the limit. */
function isTooLong(body: string): boolean {
  if (body.length <= MAX_BODY_CHARS) return false;
  let chars = 0;
  for (const _ of body) chars += 1;
  return chars > MAX_BODY_CHARS;
}

function validateCreate(form: URLSearchParams): TwilioErrorBody | null {
  if (!form.get('To')) return twilioError(400, 21604, "A 'To' phone number is required.");
  if (!form.get('From')) return twilioError(400, 21603, "A 'From' phone number is required.");
  const body = form.get('Body') ?? '';
  if (body === '' && !form.has('MediaUrl')) return twilioError(400, 21602, 'Message body is required.');
  if (isTooLong(body)) {
    return twilioError(400, 21617, 'The concatenated message body exceeds the 1600 character limit.');
  }
  return null;
}

function notFound(path: string): TwilioErrorBody {
  return twilioError(404, 20404, `The requested resource ${path} was not found`);
}

/** Handlers for the Messages resource under `/2010-04-01/Accounts/{AccountSid}/`. */
export function createTwilioMessageRoutes(deps: TwilioRoutesDeps) {
  const { store, accounts, faults } = deps;

  function createFromForm(accountSid: string, rawBody: string): [number, unknown] {
    const form = new URLSearchParams(rawBody);
    const invalid = validateCreate(form);
    if (invalid) return [invalid.status, invalid];
    const now = deps.now();
    const record = deps.recordMessage({
      sid: `SM${randomUUID().replaceAll('-', '')}`,
      accountSid,
      to: form.get('To') as string,
      from: form.get('From') as string,
      body: form.get('Body') ?? '',
      mediaUrls: form.has('MediaUrl') ? form.getAll('MediaUrl') : NO_MEDIA,
      status: 'queued',
      statusCallback: form.get('StatusCallback') || null,
      errorCode: null,
      createdMs: now,
      updatedMs: now,
    });
    return [201, toTwilioResource(record)];
  }

  /** Applies the active fault, if any, around the normal create. */
  async function create(req: IncomingMessage, res: ServerResponse, accountSid: string): Promise<void> {
    const rawBody = await readBody(req);
    if (accounts.authenticate(req.headers.authorization) !== accountSid)
      return sendJson(res, 401, AUTH_ERROR);
    const fault = faults.take();
    if (fault?.mode === 'fail') {
      const status = fault.status ?? 500;
      return sendJson(
        res,
        status,
        twilioError(status, fault.code ?? 20500, 'Internal Server Error (sandbox fault)'),
      );
    }
    if (fault?.mode === 'hang') return faults.hang(res);
    if (fault?.mode === 'delay') {
      return faults.delay(res, fault.delayMs, () => sendJson(res, ...createFromForm(accountSid, rawBody)));
    }
    const [status, payload] = createFromForm(accountSid, rawBody);
    if (fault?.mode === 'accept-then-hang')
      return faults.delay(res, fault.delayMs, () => sendJson(res, status, payload));
    sendJson(res, status, payload);
  }

  function fetchOne(res: ServerResponse, accountSid: string, messageSid: string, path: string): void {
    const record = store.get(messageSid);
    if (!record || record.accountSid !== accountSid) return sendJson(res, 404, notFound(path));
    sendJson(res, 200, toTwilioResource(record));
  }

  function list(res: ServerResponse, accountSid: string, search: string): void {
    const query = parseMessageListQuery(new URLSearchParams(search));
    if (typeof query === 'string') return sendJson(res, 400, twilioError(400, 20001, query));
    sendJson(res, 200, listMessagesPage(store, accountSid, query));
  }

  /** Routes a request whose path starts with {@link ACCOUNTS_PREFIX}. */
  async function handle(
    req: IncomingMessage,
    res: ServerResponse,
    path: string,
    search: string,
  ): Promise<void> {
    const slash = path.indexOf('/', ACCOUNTS_PREFIX.length);
    const accountSid =
      slash < 0 ? path.slice(ACCOUNTS_PREFIX.length) : path.slice(ACCOUNTS_PREFIX.length, slash);
    const rest = slash < 0 ? '' : path.slice(slash);
    if (rest === '/Messages.json' && req.method === 'POST') return create(req, res, accountSid);
    if (accounts.authenticate(req.headers.authorization) !== accountSid)
      return sendJson(res, 401, AUTH_ERROR);
    if (rest === '/Messages.json' && req.method === 'GET') return list(res, accountSid, search);
    const isMessage = rest.startsWith('/Messages/') && rest.endsWith('.json') && req.method === 'GET';
    if (isMessage) return fetchOne(res, accountSid, rest.slice('/Messages/'.length, -'.json'.length), path);
    sendJson(res, 404, notFound(path));
  }

  return { handle };
}
