import type { ReplyCatalog } from './reply-catalog.types.ts';

/** English replies; the fallback language. */
export const CATALOG_EN: ReplyCatalog = {
  welcome: (t) =>
    `👋 This is the ${t} scam check. Forward any message that worries you and we'll tell you in seconds if it looks safe.`,
  verdictLine: {
    scam: '🚨 *Scam* — this message shows clear signs of fraud.',
    suspicious: '⚠️ *Suspicious* — this message has warning signs.',
    spam: '📢 *Spam* — this looks like unwanted advertising.',
    safe: '✅ *Looks safe* — nothing here matches known scams.',
  },
  reasonsHeading: { scam: '*Why:*', suspicious: '*Why:*', spam: '*Why:*', safe: '*Good to know:*' },
  reasons: {
    'url.ip_literal': () => 'The link goes to a bare number address instead of a website name',
    'url.userinfo': () => 'The link hides its real destination',
    'url.punycode': () => 'The link uses an encoded address that can imitate another website',
    'url.non_ascii_host': () => 'The link uses unusual characters in its address',
    'url.mixed_script_host': () => 'The link mixes alphabets to imitate a familiar address',
    'url.lookalike_tenant': (t) => `The link imitates ${t}'s website but does not belong to ${t}`,
    'url.lookalike_brand': () => "The link imitates a well-known brand's website",
    'url.many_subdomains': () => 'The link has an unusually long, layered address',
    'url.risky_tld': () => 'The link ends in a domain ending often used for scams',
    'url.shortener': () => 'The link is shortened, which hides where it really goes',
    'url.suspicious_path': () => 'The link leads to a page typical of fake login sites',
    'url.random_label': () => 'The link address looks random',
    'url.nonstandard_port': () => 'The link uses an unusual technical port',
    'url.plain_http': () => 'The link is not secure (http, not https)',
    'url.threat_feed': () => 'The link is on a list of known scam or malware sites',
    'url.tenant_blocked': (t) => `${t} has reported this link as fraudulent`,
    'url.new_domain': () => 'The link goes to a website registered only days ago',
    'url.redirects': () => 'The link forwards you to a different website',
    'text.urgency': () => 'It pressures you to act fast',
    'text.payment_request': () => 'It asks for money or a payment',
    'text.credential_request': () => 'It asks for personal or account details',
    'text.otp_request': () => 'It asks for a security code sent to your phone',
    'text.prize': () => 'It promises a prize or something free',
    'text.impersonation': () => 'It pretends to be someone you trust',
    'text.job_investment_lure': () => 'It offers easy money or a job that is too good to be true',
    'text.premium_rate': () => 'It pushes you to a paid number or short code',
    'text.marketing': () => 'It reads like bulk advertising',
    'text.obfuscation': () => 'It hides words with tricks to get past filters',
    'text.new_number_claim': () => 'The sender claims to be someone you know on a new number',
    'text.model_scam': () => 'Its wording closely matches known scam messages',
    'text.model_spam': () => 'Its wording matches known bulk advertising',
  },
  genericReason: { url: 'The link shows a warning sign', text: 'The wording shows a warning sign' },
  detailSeparator: ': ',
  linksChecked: (checked, total) =>
    checked === 0
      ? '_The links were not checked._'
      : checked === 1
        ? `_Only the first of ${total} links was checked._`
        : `_Only the first ${checked} of ${total} links were checked._`,
  nextStep: {
    scam: (t) =>
      `👉 *What to do:* don't click, reply or pay. Block the sender and report the chat. If it mentions ${t}, contact ${t} only through its official app, website or phone number.`,
    suspicious: (t) =>
      `👉 *What to do:* don't act on it yet. Check it through an official channel, such as ${t}'s official app, website or phone number.`,
    spam: () => '👉 *What to do:* ignore it or block the sender.',
    safe: () => '👉 No known risks found, but stay careful: never share codes or passwords.',
  },
  mediaOnly:
    "📎 I can't check photos, documents or voice notes yet. Please forward the text of the message, or type out the link or what it asks you to do.",
  mediaNotChecked: '_Attachments (photos, documents, voice notes) were not checked._',
  rateLimit: (t) =>
    `⏳ You've sent a lot of messages in a short time. Please try again a little later, usually within the hour. (${t} scam check)`,
};
