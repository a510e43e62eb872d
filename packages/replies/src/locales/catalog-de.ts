import type { ReplyCatalog } from './reply-catalog.types.ts';

/** German replies (du, as usual on WhatsApp). */
export const CATALOG_DE: ReplyCatalog = {
  welcome: (t) =>
    `👋 Hier ist der Betrugs-Check von ${t}. Leite uns jede Nachricht weiter, die dir komisch vorkommt, und wir sagen dir in Sekunden, ob sie sicher wirkt.`,
  verdictLine: {
    scam: '🚨 *Betrug* — diese Nachricht zeigt klare Anzeichen von Betrug.',
    suspicious: '⚠️ *Verdächtig* — diese Nachricht hat Warnsignale.',
    spam: '📢 *Spam* — das sieht nach unerwünschter Werbung aus.',
    safe: '✅ *Scheint sicher* — nichts passt zu bekannten Betrugsmaschen.',
  },
  reasonsHeading: { scam: '*Warum:*', suspicious: '*Warum:*', spam: '*Warum:*', safe: '*Gut zu wissen:*' },
  reasons: {
    'url.ip_literal': () => 'Der Link führt zu einer reinen Zahlenadresse statt zu einem Websitenamen',
    'url.userinfo': () => 'Der Link verschleiert sein wahres Ziel',
    'url.punycode': () => 'Der Link nutzt eine kodierte Adresse, die eine andere Website imitieren kann',
    'url.non_ascii_host': () => 'Der Link enthält ungewöhnliche Zeichen in der Adresse',
    'url.mixed_script_host': () => 'Der Link mischt Alphabete, um eine bekannte Adresse zu imitieren',
    'url.lookalike_tenant': (t) => `Der Link imitiert die Website von ${t}, gehört aber nicht zu ${t}`,
    'url.lookalike_brand': () => 'Der Link imitiert die Website einer bekannten Marke',
    'url.many_subdomains': () => 'Der Link hat eine ungewöhnlich lange, verschachtelte Adresse',
    'url.risky_tld': () => 'Der Link hat eine Endung, die oft für Betrug genutzt wird',
    'url.shortener': () => 'Der Link ist gekürzt und verbirgt, wohin er führt',
    'url.suspicious_path': () => 'Der Link führt zu einer Seite, wie sie für gefälschte Logins typisch ist',
    'url.random_label': () => 'Die Adresse des Links wirkt zufällig',
    'url.nonstandard_port': () => 'Der Link nutzt einen ungewöhnlichen technischen Port',
    'url.plain_http': () => 'Der Link ist nicht sicher (http statt https)',
    'url.threat_feed': () => 'Der Link steht auf einer Liste bekannter Betrugs- oder Schadseiten',
    'url.tenant_blocked': (t) => `${t} hat diesen Link als betrügerisch gemeldet`,
    'url.new_domain': () => 'Der Link führt zu einer Website, die erst vor wenigen Tagen registriert wurde',
    'url.redirects': () => 'Der Link leitet Sie auf eine andere Website weiter',
    'text.urgency': () => 'Die Nachricht setzt dich unter Zeitdruck',
    'text.payment_request': () => 'Die Nachricht fordert Geld oder eine Zahlung',
    'text.credential_request': () => 'Die Nachricht fragt nach persönlichen Daten oder Kontodaten',
    'text.otp_request': () => 'Die Nachricht fragt nach einem Sicherheitscode von deinem Handy',
    'text.prize': () => 'Die Nachricht verspricht einen Gewinn oder etwas gratis',
    'text.impersonation': () => 'Die Nachricht gibt sich als jemand Vertrautes aus',
    'text.job_investment_lure': () => 'Die Nachricht verspricht leichtes Geld oder einen zu guten Job',
    'text.premium_rate': () => 'Die Nachricht lenkt dich zu einer kostenpflichtigen Nummer oder Kurzwahl',
    'text.marketing': () => 'Die Nachricht wirkt wie Massenwerbung',
    'text.obfuscation': () => 'Die Nachricht versteckt Wörter mit Tricks, um Filter zu umgehen',
    'text.new_number_claim': () => 'Der Absender gibt sich als Bekannter mit neuer Nummer aus',
    'text.model_scam': () => 'Die Formulierung ähnelt stark bekannten Betrugsnachrichten',
    'text.model_spam': () => 'Die Formulierung ähnelt Massenwerbung',
  },
  genericReason: { url: 'Der Link zeigt ein Warnsignal', text: 'Der Text zeigt ein Warnsignal' },
  detailSeparator: ': ',
  linksChecked: (checked, total) =>
    checked === 0
      ? '_Die Links wurden nicht geprüft._'
      : checked === 1
        ? `_Nur der erste von ${total} Links wurde geprüft._`
        : `_Nur die ersten ${checked} von ${total} Links wurden geprüft._`,
  nextStep: {
    scam: (t) =>
      `👉 *Was tun:* nicht klicken, nicht antworten, nichts bezahlen. Blockiere den Absender und melde den Chat. Wenn ${t} erwähnt wird, kontaktiere ${t} nur über die offizielle App, Website oder Telefonnummer.`,
    suspicious: (t) =>
      `👉 *Was tun:* reagiere noch nicht. Prüfe es über einen offiziellen Kanal, etwa die offizielle App, Website oder Telefonnummer von ${t}.`,
    spam: () => '👉 *Was tun:* ignoriere die Nachricht oder blockiere den Absender.',
    safe: () =>
      '👉 Keine bekannten Risiken gefunden, aber bleib vorsichtig: Teile niemals Codes oder Passwörter.',
  },
  mediaOnly:
    '📎 Fotos, Dokumente und Sprachnachrichten kann ich noch nicht prüfen. Leite bitte den Text der Nachricht weiter oder tippe den Link oder das, wozu sie dich auffordert.',
  mediaNotChecked: '_Anhänge (Fotos, Dokumente, Sprachnachrichten) wurden nicht geprüft._',
  rateLimit: (t) =>
    `⏳ Du hast in kurzer Zeit viele Nachrichten gesendet. Bitte versuche es etwas später noch einmal, meist innerhalb einer Stunde. (Betrugs-Check von ${t})`,
};
