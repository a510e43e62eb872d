import type { TextRule } from './text-rule.types.ts';

// English phrase patterns. Each entry is a regex source matched against folded text (lowercase,
// no accents), wrapped in letter/number boundaries by the engine. Tiers of the same code carry
// different weights: a strong phrase is near-proof of intent, a weak one only adds up with others.

const URGENCY: TextRule = {
  code: 'text.urgency',
  weight: 0.3,
  phrases: [
    'urgent(?:ly)?',
    'immediately',
    'right away',
    'as soon as possible',
    'without delay',
    'within (?:the next )?(?:\\d+|one|two|three) ?(?:hours?|hrs?|h|minutes?|mins?|days?)',
    'in the next \\d+ ?(?:hours?|hrs?|minutes?|mins?)',
    '(?:account|card|profile|access|service|number|line|whatsapp)(?: has been| will be| is| was)' +
      '(?: temporarily| permanently)? (?:suspended|blocked|closed|locked|disabled|deactivated|restricted|frozen|terminated)',
    'final (?:notice|warning|reminder|attempt)',
    'last (?:warning|reminder|notice)',
    '(?:act|respond) now',
    'expires? (?:today|tonight|soon)',
    'failure to (?:comply|respond|pay|verify)',
    'avoid (?:suspension|closure|penalt(?:y|ies)|disconnection|legal action)',
    'legal action',
    '(?:will be|is being|to be|gets?) (?:disconnected|cut off|switched off|suspended|blocked|deactivated|terminated|stopped|cancelled)(?: tonight| today| in \\d+| within)',
  ],
};

const PAYMENT_STRONG: TextRule = {
  code: 'text.payment_request',
  weight: 0.45,
  phrases: [
    '(?:itunes |google play |steam |amazon |apple )?gift ?cards?',
    'bitcoins?',
    'btc',
    'crypto(?:currency)?',
    'usdt',
    'western union',
    'moneygram',
    '(?:customs|clearance|redelivery|re-delivery|delivery|shipping|release|processing|handling|activation|registration|unlock(?:ing)?) (?:fees?|charges?|dut(?:y|ies))',
    '(?:send|transfer|wire) (?:me |us )?(?:the |some )?(?:money|cash|funds)',
    '(?:bank|account) details',
    'sort code',
    'iban',
    '(?:wire|bank) transfer',
    '(?:pay )?(?:a |the )?small fee',
    'upfront (?:fee|payment)',
    '(?:processing|admin|administration|registration|activation|verification|insurance|membership|token|booking|security|withdrawal|unlocking|transfer) (?:fee|charges?|advance|deposit)',
    '(?:fee|charges?|deposit|advance) (?:paid |payable |to be paid )?(?:upfront|in advance|before (?:delivery|release|disbursal|we))',
    'wire (?:me |us )?(?:the )?(?:first month|deposit|rent|advance|money|funds)',
    '(?:update|change|switch) (?:my|his|her|the) (?:salary|payroll|bank|payment|beneficiary) (?:details|account)',
    'unpaid (?:toll|bill|invoice|fee|balance)',
    'outstanding (?:balance|payment|fee|amount)',
  ],
};

const PAYMENT_WEAK: TextRule = {
  code: 'text.payment_request',
  weight: 0.2,
  phrases: [
    'pay(?:ment|ing)?',
    'fees?',
    'transfer',
    'deposit',
    '(?:need|borrow|lend me) (?:some )?(?:money|cash)',
    'send (?:me )?(?:£|\\$|€)\\s?\\d[\\d.,]*',
  ],
};

// Naming a sum to pay: between friends as often as from scammers, so it only backs up other
// evidence (it is strong enough to confirm the text model, not to decide alone).
const PAYMENT_AMOUNT: TextRule = {
  code: 'text.payment_request',
  weight: 0.3,
  phrases: [
    '(?:pay|send|transfer|deposit|wire|remit)(?: me| us| it)?(?: the| a| an| just| only)?(?: [a-z]+){0,2} (?:£|\\$|€|₹|₦|r\\$|rs\\.?|ksh|usd|eur|gbp|r(?=\\d))\\s?\\d[\\d.,]*',
    '(?:pay|send|transfer|deposit)(?: me| us)? (?:via|on|by|to|through) (?:upi|paypal|venmo|cash ?app|zelle|m-?pesa|bank transfer|crypto|usdt)',
  ],
};

const CREDENTIAL: TextRule = {
  code: 'text.credential_request',
  weight: 0.55,
  phrases: [
    'verify (?:your|ur) (?:account|identity|details|information|info|card|bank(?: account)?|payment|number|email|profile|wallet)',
    'confirm (?:your|ur) (?:account|identity|details|information|info|card|bank|password|pin|payment details|billing)',
    'update (?:your|ur) (?:account|details|information|info|card|bank|payment|billing|password|pin)',
    '(?:re-?)?activate (?:your|ur) (?:account|card)',
    'unlock (?:your|ur) (?:account|card)',
    '(?:send|share|give|tell|provide|enter|type|reply with|text) (?:me |us )?(?:your|ur|the) (?:password|passcode|pin|cvv|cvc|card (?:number|details)|login(?: details)?|credentials|online banking details|account (?:number|details))',
    'card number',
    'cvv',
    'cvc',
    '(?:login|log-in|sign-in) (?:details|credentials)',
    'online banking (?:details|password|login)',
    "(?:your|ur) (?:aadhaar|pan card|ssn|social security number|national insurance number|passport (?:number|details)|id number|date of birth|mother['’]?s maiden name)",
    '(?:install|download|open) (?:the )?(?:app )?(?:anydesk|teamviewer|quick ?support|rustdesk|ultraviewer|supremo|airdroid)',
    'remote (?:access|desktop) (?:app|software)',
  ],
};

const OTP: TextRule = {
  code: 'text.otp_request',
  weight: 0.8,
  phrases: [
    '(?:send|share|give|tell|forward|read|provide|text|reply with|pass) (?:me |us |it to me )?' +
      '(?:the |your |that |this |ur )?(?:\\d[- ]?digits? )?' +
      '(?:otp|one[- ]time (?:code|password|passcode|pin)|verification code|security code|confirmation code|activation code|authentication code|sms code|whatsapp code|login code|code (?:you|we|i) (?:just )?(?:got|received|sent))',
    '(?:sent|send|texted) (?:you )?(?:a |the |my |an )?(?:\\d[- ]?digits? )?(?:code|otp)(?: to you)? (?:by mistake|accidentally|by accident)',
    '(?:code|otp|sms) (?:to|on) (?:your|ur) (?:number|phone) (?:by mistake|accidentally|by accident)',
    '(?:typed|put|entered|used) (?:in )?(?:your|ur) (?:number|no) (?:by mistake|wrong|instead|accidentally)',
  ],
};

// "Send me the code": also how people ask for a door or Wi-Fi code, so it confirms other evidence
// rather than deciding alone.
const OTP_WEAK: TextRule = {
  code: 'text.otp_request',
  weight: 0.45,
  phrases: [
    '(?:send|share|give|tell|forward|read|text|pass|screenshot)(?: it| them)?(?: back| over| out| here)?(?: to)?(?: me| us)?(?: the| that| this| your| ur)?(?: \\d[- ]?digits?)? (?:code|otp|pin|numbers? (?:you|we) (?:just )?(?:got|received|sent))',
    '(?:did|have) (?:you|u) (?:just )?(?:get|got|receive[d]?) (?:a|an|the) (?:\\d[- ]?digits? )?(?:code|otp|text with a code)',
  ],
};

const PRIZE_STRONG: TextRule = {
  code: 'text.prize',
  weight: 0.35,
  phrases: [
    "(?:you|u)(?:['’]ve| have| has)? (?:been )?(?:won|selected|chosen) ?(?:a|an|the|to|for|£|\\$|€|\\d)",
    'claim (?:your |ur |the |a )?(?:prize|reward|gift|cash|winnings|award|bonus|voucher)',
    '(?:cash )?prizes?',
    'winners?',
    'lottery',
    'jackpot',
    '(?:lucky|prize) draw',
    'free (?:entry|gift|iphone|ipad|phone|mobile|camera|ringtones?|tones?|msgs?|texts?|sms|vouchers?|tickets?|holiday|trip|cash|spins?)',
    'guaranteed (?:(?:£|\\$|€)\\d[\\d,]*|cash|prize|reward)',
    '(?:chance (?:2|to)|could|to) win',
    'win (?:a |an |the )?(?:(?:£|\\$|€)\\d[\\d,]*|cash|prize)',
    'free ?msg',
  ],
};

const PRIZE_WEAK: TextRule = {
  code: 'text.prize',
  weight: 0.15,
  phrases: ['congratulations', 'congrats', 'for free', 'bonus', 'rewards?'],
};

const IMPERSONATION_STRONG: TextRule = {
  code: 'text.impersonation',
  weight: 0.45,
  phrases: [
    'this is your bank',
    "(?:bank['’]?s?|fraud|security) (?:team|department|officer)",
    '(?:whatsapp|paypal|amazon|apple|microsoft|netflix) (?:support|security|team)',
    'tax refund',
    'hmrc',
    'irs',
    '(?:delivery|delivery attempt) (?:failed|unsuccessful)',
    'failed delivery',
    "(?:parcel|package|shipment) (?:is |has been )?(?:on hold|held|pending|awaiting|could not be delivered|couldn['’]?t be delivered|was not delivered|returned)",
    '(?:we|courier|driver) (?:tried|attempted) to deliver',
    'unable to deliver',
  ],
};

const IMPERSONATION_WEAK: TextRule = {
  code: 'text.impersonation',
  weight: 0.3,
  phrases: [
    '(?:hi|hello|hey|hiya) (?:mum|mom|mam|mummy|mommy|mama|dad|daddy|papa)',
    'dear (?:customer|client|user)',
  ],
};

// "Hi mum, this is my new number": an odd claim about the sender, the opening of family
// impersonation. Kept apart from brand impersonation so the reply can say exactly what is odd.
const NEW_NUMBER_STRONG: TextRule = {
  code: 'text.new_number_claim',
  weight: 0.45,
  phrases: [
    "(?:this is|it['’]?s|here is|heres) my new (?:phone )?(?:number|no|phone)",
    '(?:lost|broke|dropped|damaged|smashed) my (?:phone|mobile)',
    'my (?:old )?(?:phone|mobile) (?:is |got |was )?(?:broken|lost|stolen|damaged|dead)',
    '(?:delete|save) (?:my |the )?old (?:number|no)',
  ],
};

const NEW_NUMBER_WEAK: TextRule = {
  code: 'text.new_number_claim',
  weight: 0.3,
  phrases: ['(?:my )?new (?:phone )?number', 'temporary (?:phone|number)'],
};

const LURE_STRONG: TextRule = {
  code: 'text.job_investment_lure',
  weight: 0.55,
  phrases: [
    'earn (?:up to |over |from )?(?:£|\\$|€|usd ?)?\\d[\\d,.]*k? ?(?:£|\\$|€|usd|dollars|pounds|euros)? ?(?:a|per|each|every|/) ?(?:day|week|hour|hr)',
    'guaranteed (?:returns?|profits?|income|payouts?|earnings)',
    'double your (?:money|investment|bitcoin|crypto|income|deposit)',
    '\\d+ ?% (?:daily|weekly) (?:returns?|profits?)',
    'risk[- ]free (?:investment|returns?|profits?)',
    'investment (?:opportunity|plan|platform)',
    '(?:crypto|forex|bitcoin) (?:trading|investment|mining|signals)',
    'get paid to (?:like|review|rate|watch)',
    '(?:like|rate|review) (?:videos|products|posts) (?:and|to) (?:earn|get paid)',
    '(?:daily|weekly) (?:salary|income|commission)',
  ],
};

const LURE_WEAK: TextRule = {
  code: 'text.job_investment_lure',
  weight: 0.3,
  phrases: [
    'work(?:ing)? from home',
    'part[- ]time (?:job|work|position)',
    '(?:online|remote) (?:job|work) (?:opportunity|offer)',
    'no experience (?:needed|required|necessary)',
    'passive income',
    "(?:we are|we['’]re) (?:hiring|recruiting)",
    'extra income',
    'financial freedom',
    '(?:high|huge|big) (?:returns?|profits?)',
    'trading platform',
    'simple (?:online )?tasks',
    '(?:contact|message|add|text|dm|chat with)(?: [a-z]+){0,3} (?:on|via) telegram',
  ],
};

const PREMIUM_RATE: TextRule = {
  code: 'text.premium_rate',
  weight: 0.4,
  phrases: ['09\\d{2}[ -]?\\d{3}[ -]?\\d{3,4}'],
};

const PREMIUM_RATE_WEAK: TextRule = {
  code: 'text.premium_rate',
  weight: 0.3,
  phrases: [
    '08[47]\\d[ -]?\\d{3}[ -]?\\d{3,4}',
    '(?:text|txt|send|reply|rply|sms) (?:[a-z0-9]+ ){0,3}(?:to|on)(?: no:?)? \\d{4,5}',
    '(?:£\\d+(?:\\.\\d+)?|\\d+(?:\\.\\d+)?p) ?(?:/|per|a) ?(?:min|minute|msg|txt|text|sms|wk|week|tone|rcvd)',
    // "150p" is how UK premium SMS services quoted prices; two digits keep "5p(m)" out.
    '\\d{2,3}p',
    'std (?:txt |text |wap )?(?:rates?|charges?|chgs)',
    '1[68] ?\\+',
    "over ?18['’]?s",
  ],
};

const MARKETING_STRONG: TextRule = {
  code: 'text.marketing',
  weight: 0.25,
  phrases: [
    'unsubscribe',
    '(?:reply|text|txt|send|sms) stop',
    'stop to (?:\\d+|opt out|end|unsubscribe|cancel)',
    'opt[- ]out',
    '\\d+ ?% off',
    'limited[- ]time (?:offer|only|deal)',
    'limited offer',
    'special (?:offer|deal|promotion)',
    '(?:promo(?:tion)?|discount|voucher) code',
    '(?:shop|order|buy|book) now',
    "t ?& ?c['’]?s?",
    'terms (?:and|&) conditions apply',
    'exclusive (?:offer|deal|discount)',
    '(?:today|tonight|this weekend) only',
    'free(?:phone|fone)',
    '(?:polyphonic |mono |poly )?ringtones?',
    '(?:half|1/2) price',
  ],
};

const MARKETING_WEAK: TextRule = {
  code: 'text.marketing',
  weight: 0.15,
  phrases: ['offers?', 'discounts?', 'deals?', 'sale', 'subscri(?:be|ption)', 'vouchers?', 'newsletter'],
};

/** English rules, all tiers. */
export const EN_TEXT_RULES: readonly TextRule[] = [
  URGENCY,
  PAYMENT_STRONG,
  PAYMENT_WEAK,
  CREDENTIAL,
  OTP,
  PRIZE_STRONG,
  PRIZE_WEAK,
  IMPERSONATION_STRONG,
  IMPERSONATION_WEAK,
  NEW_NUMBER_STRONG,
  NEW_NUMBER_WEAK,
  PAYMENT_AMOUNT,
  OTP_WEAK,
  LURE_STRONG,
  LURE_WEAK,
  PREMIUM_RATE,
  PREMIUM_RATE_WEAK,
  MARKETING_STRONG,
  MARKETING_WEAK,
];
