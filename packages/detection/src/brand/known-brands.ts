/** A brand scammers like to imitate: the label to protect and its other official domains. */
export interface KnownBrand {
  /** Registrable label, e.g. "paypal". Any "paypal.<suffix>" counts as official unless the TLD is risky. */
  label: string;
  /**
   * Other official domains (registrable domains or suffixes such as "gov.br"); they and their
   * subdomains are the brand's own, e.g. "amazonaws.com" for Amazon.
   */
  officialDomains: readonly string[];
  /** Ordinary words that nearly spell the label, so they are not typo-squats ("revolt" for "revolut"). */
  ordinaryWords?: readonly string[];
  /** Regional members use "<label>-<region>" domains of their own ("sparkasse-koelnbonn.de"). */
  regional?: boolean;
}

// Chosen from the brands most imitated in phishing and smishing reports (APWG Phishing Activity
// Trends, Check Point "brand phishing" quarterly rankings, national CERT and regulator warnings:
// Action Fraud/NCSC UK, FTC US, INCIBE/OSI Spain, Cybermalveillance France, BSI/Verbraucherzentrale
// Germany, Febraban/CERT.br Brazil, CNCS Portugal) for the reply languages: en, es, pt, fr, de.
// Labels shorter than four letters (dhl, ups, ing) only match as a whole host label or glued to a
// lure word (see brand-lookalike.ts), never inside other words.

/** Global technology, retail and payment brands. */
const GLOBAL: readonly KnownBrand[] = [
  { label: 'paypal', officialDomains: ['paypalobjects.com', 'paypal-community.com', 'paypal.me'] },
  {
    label: 'amazon',
    officialDomains: ['amazonaws.com', 'amazon-adsystem.com', 'amazonpay.in', 'media-amazon.com', 'amzn.to'],
  },
  { label: 'apple', officialDomains: ['icloud.com', 'apple-cloudkit.com', 'mzstatic.com'] },
  { label: 'icloud', officialDomains: ['apple.com'] },
  {
    label: 'microsoft',
    officialDomains: [
      'microsoftonline.com',
      'live.com',
      'office.com',
      'outlook.com',
      'windows.net',
      'msn.com',
    ],
  },
  { label: 'outlook', officialDomains: ['microsoft.com', 'live.com', 'office.com'] },
  { label: 'office365', officialDomains: ['microsoft.com', 'office.com'] },
  {
    label: 'google',
    officialDomains: [
      'googleusercontent.com',
      'googleapis.com',
      'googlemail.com',
      'gstatic.com',
      'youtube.com',
    ],
  },
  { label: 'gmail', officialDomains: ['google.com'] },
  { label: 'netflix', officialDomains: ['nflxvideo.net', 'netflixinvestor.com', 'nflximg.net'] },
  { label: 'facebook', officialDomains: ['fb.com', 'fbcdn.net', 'facebookmail.com', 'meta.com'] },
  { label: 'instagram', officialDomains: ['cdninstagram.com'] },
  { label: 'whatsapp', officialDomains: ['wa.me', 'whatsapp.net'] },
  { label: 'tiktok', officialDomains: ['tiktokcdn.com', 'tiktokv.com'] },
  { label: 'telegram', officialDomains: ['t.me', 'telegram.me'], ordinaryWords: ['telegrama', 'telegrams'] },
  { label: 'linkedin', officialDomains: ['lnkd.in', 'licdn.com'] },
  { label: 'dropbox', officialDomains: ['dropboxusercontent.com', 'db.tt'] },
  { label: 'docusign', officialDomains: ['docusign.net'] },
  { label: 'adobe', officialDomains: ['adobelogin.com', 'typekit.net'] },
  { label: 'yahoo', officialDomains: ['yimg.com'] },
  { label: 'spotify', officialDomains: ['scdn.co', 'spotifycdn.com'] },
  { label: 'steamcommunity', officialDomains: ['steampowered.com'] },
  { label: 'steampowered', officialDomains: ['steamcommunity.com'] },
  { label: 'ebay', officialDomains: ['ebayimg.com', 'ebaystatic.com'] },
  { label: 'aliexpress', officialDomains: ['alicdn.com', 'alibaba.com'] },
  { label: 'temu', officialDomains: [] },
  { label: 'shein', officialDomains: [] },
  { label: 'airbnb', officialDomains: [] },
  { label: 'binance', officialDomains: [] },
  { label: 'coinbase', officialDomains: [] },
  { label: 'metamask', officialDomains: ['metamask.io'] },
  { label: 'trustwallet', officialDomains: [] },
  { label: 'revolut', officialDomains: [], ordinaryWords: ['revolt'] },
  { label: 'klarna', officialDomains: [] },
  { label: 'venmo', officialDomains: [] },
  { label: 'cashapp', officialDomains: ['cash.app'] },
  { label: 'zelle', officialDomains: ['zellepay.com'] },
  { label: 'mastercard', officialDomains: [] },
  { label: 'americanexpress', officialDomains: ['aexp.com', 'amex.com'] },
  { label: 'amex', officialDomains: ['americanexpress.com'] },
  { label: 'n26', officialDomains: [] },
];

/** Couriers and postal services. */
const COURIERS: readonly KnownBrand[] = [
  { label: 'dhl', officialDomains: ['deutschepost.de', 'dhlparcel.nl', 'dhl-news.com'] },
  { label: 'fedex', officialDomains: [] },
  { label: 'ups', officialDomains: [] },
  { label: 'usps', officialDomains: ['usps.gov', 'informeddelivery.com'] },
  { label: 'royalmail', officialDomains: ['royalmailgroup.com', 'parcelforce.com'] },
  { label: 'evri', officialDomains: ['hermesworld.com'] },
  { label: 'dpd', officialDomains: ['dpdgroup.com', 'dpdlocal.co.uk'] },
  { label: 'gls', officialDomains: ['gls-group.eu', 'gls-group.com', 'gls-spain.es'] },
  { label: 'auspost', officialDomains: [] },
  { label: 'canadapost', officialDomains: ['canadapost-postescanada.ca'] },
  { label: 'correos', officialDomains: ['correosexpress.com'], ordinaryWords: ['correo', 'correio'] },
  { label: 'seur', officialDomains: [] },
  { label: 'correios', officialDomains: [], ordinaryWords: ['correio', 'correos'] },
  { label: 'ctt', officialDomains: [] },
  { label: 'laposte', officialDomains: ['laposte.net', 'labanquepostale.fr'] },
  { label: 'colissimo', officialDomains: ['laposte.fr'] },
  { label: 'chronopost', officialDomains: [] },
  { label: 'deutschepost', officialDomains: ['dhl.de'] },
  { label: 'postnl', officialDomains: [], ordinaryWords: ['postal'] },
  { label: 'inpost', officialDomains: [], ordinaryWords: ['impost'] },
];

/** Banks and government or tax agencies in the English-speaking markets (UK, US, Australia). */
const ENGLISH_MARKETS: readonly KnownBrand[] = [
  { label: 'hsbc', officialDomains: [] },
  { label: 'barclays', officialDomains: ['barclaycard.co.uk'] },
  {
    label: 'santander',
    officialDomains: ['bancosantander.es', 'santanderbank.com', 'santanderconsumer.com', 'openbank.es'],
  },
  { label: 'lloydsbank', officialDomains: ['lloydsbankinggroup.com'] },
  { label: 'natwest', officialDomains: [] },
  { label: 'halifax', officialDomains: ['halifax-online.co.uk'] },
  { label: 'monzo', officialDomains: [] },
  { label: 'hmrc', officialDomains: ['gov.uk'] },
  { label: 'dvla', officialDomains: ['gov.uk'] },
  { label: 'chase', officialDomains: ['jpmorganchase.com'] },
  { label: 'wellsfargo', officialDomains: [] },
  { label: 'bankofamerica', officialDomains: ['bofa.com'] },
  { label: 'citibank', officialDomains: ['citi.com'] },
  { label: 'capitalone', officialDomains: [] },
  { label: 'irs', officialDomains: ['irs.gov', 'treasury.gov'] },
  { label: 'commbank', officialDomains: [] },
  { label: 'westpac', officialDomains: [] },
  { label: 'mygov', officialDomains: ['gov.au'] },
];

/** Spanish-speaking markets: Spain and Latin America. */
const SPANISH_MARKETS: readonly KnownBrand[] = [
  { label: 'bbva', officialDomains: [] },
  { label: 'caixabank', officialDomains: [] },
  { label: 'bankinter', officialDomains: [] },
  { label: 'sabadell', officialDomains: ['bancsabadell.com'] },
  { label: 'unicaja', officialDomains: ['unicajabanco.es'] },
  { label: 'ing', officialDomains: [] },
  { label: 'agenciatributaria', officialDomains: ['gob.es', 'aeat.es'] },
  { label: 'seg-social', officialDomains: ['gob.es'] },
  { label: 'dgt', officialDomains: ['gob.es'] },
  { label: 'mercadolibre', officialDomains: ['mercadopago.com', 'mercadolivre.com.br', 'mlstatic.com'] },
  { label: 'mercadopago', officialDomains: ['mercadolibre.com'] },
  { label: 'bancolombia', officialDomains: [] },
  { label: 'afip', officialDomains: ['gob.ar'] },
];

/** Portuguese-speaking markets: Brazil and Portugal. */
const PORTUGUESE_MARKETS: readonly KnownBrand[] = [
  { label: 'itau', officialDomains: [] },
  { label: 'bradesco', officialDomains: [] },
  { label: 'nubank', officialDomains: ['nu.com.mx'] },
  { label: 'caixa', officialDomains: ['caixa.gov.br'] },
  { label: 'bancodobrasil', officialDomains: ['bb.com.br'] },
  { label: 'receitafederal', officialDomains: ['gov.br'] },
  { label: 'picpay', officialDomains: [] },
  { label: 'mercadolivre', officialDomains: ['mercadolibre.com', 'mercadopago.com'] },
  { label: 'millenniumbcp', officialDomains: [] },
  { label: 'cgd', officialDomains: [] },
  { label: 'mbway', officialDomains: [] },
  { label: 'portaldasfinancas', officialDomains: ['gov.pt'] },
];

/** French-speaking markets: France (Belgium and Switzerland share the couriers above). */
const FRENCH_MARKETS: readonly KnownBrand[] = [
  { label: 'ameli', officialDomains: [] },
  { label: 'impots', officialDomains: ['gouv.fr'] },
  { label: 'antai', officialDomains: ['gouv.fr'] },
  { label: 'franceconnect', officialDomains: ['gouv.fr'] },
  { label: 'moncompteformation', officialDomains: ['gouv.fr'] },
  { label: 'creditagricole', officialDomains: ['credit-agricole.fr', 'credit-agricole.com', 'ca-paris.fr'] },
  { label: 'creditmutuel', officialDomains: [] },
  { label: 'bnpparibas', officialDomains: ['mabanque.bnpparibas'] },
  { label: 'societegenerale', officialDomains: [] },
  { label: 'labanquepostale', officialDomains: ['laposte.fr'] },
  { label: 'boursorama', officialDomains: ['boursobank.com'] },
  { label: 'lcl', officialDomains: [] },
];

/** German-speaking markets. */
const GERMAN_MARKETS: readonly KnownBrand[] = [
  { label: 'sparkasse', officialDomains: [], regional: true },
  { label: 'volksbank', officialDomains: ['vr.de'], regional: true },
  { label: 'commerzbank', officialDomains: [] },
  { label: 'deutschebank', officialDomains: ['deutsche-bank.de', 'db.com'] },
  { label: 'postbank', officialDomains: [] },
  { label: 'dkb', officialDomains: [] },
  { label: 'comdirect', officialDomains: [] },
  { label: 'elster', officialDomains: [] },
  { label: 'arbeitsagentur', officialDomains: [] },
];

/**
 * Legitimate registrable domains of other organisations that happen to look like a brand above
 * ("gls-bank.de" is a German bank, not the GLS courier). Never flagged as a known-brand look-alike.
 */
export const NOT_LOOKALIKES: readonly string[] = ['gls-bank.de', 'glsbank.de'];

/** Built-in list of brands imitated in our markets; tenants add their own via `brandDomains`. */
export const KNOWN_BRANDS: readonly KnownBrand[] = [
  ...GLOBAL,
  ...COURIERS,
  ...ENGLISH_MARKETS,
  ...SPANISH_MARKETS,
  ...PORTUGUESE_MARKETS,
  ...FRENCH_MARKETS,
  ...GERMAN_MARKETS,
];
