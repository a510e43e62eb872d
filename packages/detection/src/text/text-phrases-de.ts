import type { TextRule } from './text-rule.types.ts';

// German patterns for the strongest cues, in the folded form (lowercase, umlauts without dots:
// "gebühr" is written "gebuhr"; "ß" stays, so both spellings are allowed where it occurs).

const URGENCY: TextRule = {
  code: 'text.urgency',
  weight: 0.3,
  phrases: [
    'dringend',
    'sofort',
    'umgehend',
    'unverzuglich',
    'innerhalb (?:von |der nachsten )?\\d+ ?(?:stunden|std|h|minuten|tagen)',
    '(?:ihr|dein|ihre|deine) (?:konto|karte|zugang|vertrag) (?:wurde|wird|ist) (?:vorubergehend |vorlaufig )?(?:gesperrt|deaktiviert|eingeschrankt|gekundigt|blockiert)',
    'letzte (?:mahnung|warnung|erinnerung|frist|aufforderung)',
    'letzter hinweis',
  ],
};

const CREDENTIAL: TextRule = {
  code: 'text.credential_request',
  weight: 0.55,
  phrases: [
    '(?:bestatigen|verifizieren|aktualisieren|uberprufen|legitimieren) sie (?:bitte )?(?:ihr|ihre|ihren) (?:konto|daten|identitat|angaben|zugangsdaten|kundendaten)',
    '(?:bestatige|verifiziere|aktualisiere) (?:bitte )?(?:dein|deine|deinen) (?:konto|daten|identitat|angaben|zugangsdaten)',
    '(?:ihr|ihre|dein|deine) (?:passwort|kennwort|pin|online-?banking[- ]?(?:pin|zugangsdaten))',
    'zugangsdaten',
    'kartennummer',
    'push-?tan',
    'sicherheitsverfahren (?:aktualisieren|erneuern)',
  ],
};

const OTP: TextRule = {
  code: 'text.otp_request',
  weight: 0.8,
  phrases: [
    '(?:schick|schicke|schicken sie|sende|senden sie|leite|leiten sie|gib|geben sie|nenn|nenne|nennen sie|sag|sagen sie)(?: mir| uns)?(?: bitte)?(?: mal)? (?:den|deinen|ihren|diesen|den sechsstelligen|den 6-stelligen) (?:\\p{L}+ )?(?:code|bestatigungscode|sicherheitscode|tan)',
    '(?:code|sms) (?:aus versehen|versehentlich|irrtumlich) (?:an dich|an sie|zu dir|geschickt|gesendet)',
  ],
};

const PAYMENT_STRONG: TextRule = {
  code: 'text.payment_request',
  weight: 0.45,
  phrases: [
    '(?:gutschein|geschenk|guthaben)karten?',
    '(?:google play|apple|itunes|amazon|steam|paysafe)[- ]?(?:karten?|gutscheine?|codes?)',
    '(?:zoll|versand|bearbeitungs|liefer|zustell|freigabe)gebuhr(?:en)?',
    '(?:uberweis|schick|send)(?:e|t|en sie) (?:mir )?(?:bitte )?(?:schnell |kurz |das )?(?:geld|den betrag|\\d[\\d.,]*)',
    'nachzahlung',
    'ersatzmaut',
  ],
};

const PAYMENT_WEAK: TextRule = {
  code: 'text.payment_request',
  weight: 0.2,
  phrases: ['(?:be)?zahl(?:en|ung)', 'uberweisung', 'gebuhr(?:en)?', 'kaution'],
};

const IMPERSONATION: TextRule = {
  code: 'text.impersonation',
  weight: 0.45,
  phrases: [
    '(?:ihr|dein) (?:paket|sendung) (?:konnte nicht|wurde nicht|wartet|ist unterwegs und wartet|wird zuruckgeschickt)',
    'zustellung (?:fehlgeschlagen|nicht moglich|gescheitert)',
    'steuer(?:ruck)?erstattung',
    'sicherheitsabteilung',
    '(?:ihre|deine) (?:bank|sparkasse|volksbank) (?:informiert|teilt mit)',
  ],
};

/** German rules. */
export const DE_TEXT_RULES: readonly TextRule[] = [
  URGENCY,
  CREDENTIAL,
  OTP,
  PAYMENT_STRONG,
  PAYMENT_WEAK,
  IMPERSONATION,
];
