import { describe, expect, it } from 'vitest';
import { defineAbilityFor } from './ability.ts';
import { OTHER_TENANT, sample, sampleRecord, TENANT, userActor } from './access-fixtures.test-helper.ts';
import { accessErrorToHttp, ForbiddenError, ForbiddenFieldsError, NotFoundError } from './errors.ts';
import { assertCan, assertCanOrNotFound } from './guards.ts';
import type { SubjectObject } from './subjects.types.ts';

const analyst = defineAbilityFor(userActor('analyst'));
const viewer = defineAbilityFor(userActor('viewer'));

describe('assertCan (403)', () => {
  it('allows what the table grants', () => {
    expect(() => assertCan(analyst, 'export', 'Message')).not.toThrow();
    expect(() => assertCan(analyst, 'read', sample('Message', TENANT), ['body', 'verdict'])).not.toThrow();
  });

  it('throws ForbiddenError for the action, and for any one of the fields', () => {
    expect(() => assertCan(viewer, 'export', 'Message')).toThrow(ForbiddenError);
    expect(() => assertCan(viewer, 'read', sample('Message', TENANT), ['verdict', 'body'])).toThrow(
      ForbiddenError,
    );
  });

  it('an empty field list still checks the action', () => {
    expect(() => assertCan(viewer, 'delete', sample('Message', TENANT), [])).toThrow(ForbiddenError);
  });
});

describe('assertCanOrNotFound: 404 unless the actor can see the object', () => {
  it('can see it but not do this: 403', () => {
    expect(() => assertCanOrNotFound(analyst, 'delete', sample('Message', TENANT))).toThrow(ForbiddenError);
  });

  it('cannot see it (role): 404', () => {
    expect(() => assertCanOrNotFound(viewer, 'read', sample('WhatsappUser', TENANT))).toThrow(NotFoundError);
    expect(() => assertCanOrNotFound(viewer, 'delete', sample('WhatsappUser', TENANT))).toThrow(
      NotFoundError,
    );
  });

  it("cannot see it (another tenant's): 404 with no hint of the tenant", () => {
    const error = (() => {
      try {
        assertCanOrNotFound(analyst, 'read', sample('Message', OTHER_TENANT));
      } catch (e) {
        return e as Error;
      }
      throw new Error('expected a throw, but the call was allowed');
    })();
    expect(error).toBeInstanceOf(NotFoundError);
    expect(error.message).toBe('Message not found');
  });

  it('an object not tagged with its subject type matches nothing: 404', () => {
    const untagged = sampleRecord('Message', TENANT) as unknown as SubjectObject;
    expect(() => assertCanOrNotFound(analyst, 'read', untagged)).toThrow(NotFoundError);
  });
});

describe('accessErrorToHttp', () => {
  it('maps the three errors and nothing else', () => {
    const ability = defineAbilityFor(userActor('viewer'));
    expect(accessErrorToHttp(new NotFoundError('Message'))).toEqual({
      status: 404,
      code: 'not_found',
      message: 'Message not found',
    });
    const forbidden = ForbiddenError.from(ability).unlessCan('delete', 'Message');
    expect(accessErrorToHttp(forbidden)).toEqual({
      status: 403,
      code: 'forbidden',
      message: 'Cannot execute "delete" on "Message"',
    });
    const fields = new ForbiddenFieldsError(ability, 'update', 'AdminUser', ['role']);
    expect(accessErrorToHttp(fields)).toMatchObject({ status: 403, code: 'forbidden' });
    expect(accessErrorToHttp(new Error('boom'))).toBeNull();
  });
});
