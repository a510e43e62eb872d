/** A brand scammers like to imitate: the label to protect and its other official domains. */
export interface KnownBrand {
  /** Registrable label, e.g. "paypal". Any "paypal.<suffix>" counts as official. */
  label: string;
  /** Extra official registrable domains whose name differs or embeds the label. */
  officialDomains: readonly string[];
}

/** Small built-in list of brands imitated worldwide; tenants add their own via `brandDomains`. */
export const KNOWN_BRANDS: readonly KnownBrand[] = [
  { label: 'paypal', officialDomains: ['paypalobjects.com', 'paypal-community.com'] },
  { label: 'amazon', officialDomains: ['amazonaws.com', 'amazon-adsystem.com', 'amazonpay.in'] },
  { label: 'apple', officialDomains: ['icloud.com', 'apple-cloudkit.com'] },
  { label: 'icloud', officialDomains: ['apple.com'] },
  { label: 'microsoft', officialDomains: ['microsoftonline.com', 'live.com', 'office.com'] },
  { label: 'netflix', officialDomains: ['nflxvideo.net', 'netflixinvestor.com'] },
  { label: 'dhl', officialDomains: [] },
  { label: 'fedex', officialDomains: [] },
  { label: 'ups', officialDomains: [] },
  { label: 'usps', officialDomains: [] },
  { label: 'royalmail', officialDomains: ['royalmailgroup.com'] },
  { label: 'evri', officialDomains: [] },
  { label: 'whatsapp', officialDomains: ['wa.me'] },
  { label: 'google', officialDomains: ['googleusercontent.com', 'googleapis.com', 'googlemail.com'] },
  { label: 'facebook', officialDomains: ['fb.com', 'fbcdn.net'] },
  { label: 'instagram', officialDomains: ['cdninstagram.com'] },
  { label: 'hsbc', officialDomains: [] },
  { label: 'barclays', officialDomains: ['barclaycard.co.uk'] },
  { label: 'santander', officialDomains: [] },
  { label: 'lloydsbank', officialDomains: [] },
  { label: 'natwest', officialDomains: [] },
  { label: 'chase', officialDomains: [] },
  { label: 'wellsfargo', officialDomains: [] },
  { label: 'bankofamerica', officialDomains: [] },
  { label: 'revolut', officialDomains: [] },
  { label: 'coinbase', officialDomains: [] },
  { label: 'binance', officialDomains: [] },
  { label: 'ebay', officialDomains: [] },
  { label: 'spotify', officialDomains: [] },
  { label: 'correos', officialDomains: [] },
  { label: 'laposte', officialDomains: [] },
  { label: 'mercadolibre', officialDomains: ['mercadopago.com'] },
];
