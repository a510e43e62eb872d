import type { TenantSettingsSubject } from '@elara/access-control/subjects';
import type { Language } from '../shared/validation.ts';

export const REPLY_STYLES = ['standard', 'brief'] as const;
/** How verbose WhatsApp replies are (`tenants.reply_style`). */
export type ReplyStyle = (typeof REPLY_STYLES)[number];

/** A settings change: only the keys given change. */
export type SettingsPatch = {
  defaultLanguage?: Language;
  /** Replaces the list. Normalised (lowercase, punycode, host only), duplicates dropped; at most 50. */
  brandDomains?: string[];
  replyStyle?: ReplyStyle;
  /** `tenants.sso_only`: staff sign in only through SAML. Owners only. */
  ssoEnforced?: boolean;
};

/** The settings as the actor may see them. The SAML configuration itself is `@elara/saml-sso`'s. */
export type SettingsView = Partial<Omit<TenantSettingsSubject, 'sso'>> & { replyStyle?: ReplyStyle };

export interface SettingsRef {
  /** Required for platform admins; tenant actors default to (and may only name) their own. */
  tenantId?: string;
}

export interface UpdateSettingsInput extends SettingsRef {
  patch: SettingsPatch;
}
