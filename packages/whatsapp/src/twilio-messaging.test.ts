import { describe, expect, it } from 'vitest';
import { classifySendError } from './twilio-messaging.ts';

describe('classifySendError', () => {
  it.each([
    ['a 400 from Twilio (bad number)', { status: 400, code: 21211, message: 'invalid To' }, 'rejected'],
    ['a 401 (bad credentials)', { status: 401, code: 20003, message: 'Authenticate' }, 'rejected'],
    ['a 429 (too many requests)', { status: 429, code: 20429, message: 'slow down' }, 'retryable'],
    ['a 500', { status: 500, code: 20500, message: 'oops' }, 'retryable'],
    ['a refused connection', { code: 'ECONNREFUSED', message: 'connect ECONNREFUSED' }, 'retryable'],
    ['a DNS failure', { code: 'ENOTFOUND', message: 'getaddrinfo ENOTFOUND' }, 'retryable'],
    ['a timeout', { code: 'ECONNABORTED', message: 'timeout of 1000ms exceeded' }, 'unknown'],
    ['a reset connection', { code: 'ECONNRESET', message: 'socket hang up' }, 'unknown'],
    ['anything else', new Error('weird'), 'unknown'],
  ])('classifies %s', (_name, error, kind) => {
    expect(classifySendError(error).kind).toBe(kind);
  });

  it('keeps the HTTP status and provider code for the attempt record', () => {
    const failure = classifySendError({ status: 400, code: 21211, message: 'invalid To' });
    expect([failure.httpStatus, failure.code]).toEqual([400, '21211']);
  });
});
