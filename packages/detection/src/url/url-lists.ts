// Curated, deliberately small lists. A later version replaces them with the Public Suffix List and
// threat feeds; until then they are good enough to rank links, not to prove anything.

/** Two-letter country codes that are also everyday words; bare "home.it" needs a path or www to count. */
const WORD_LIKE_CCTLDS = 'am as at be by de do es go id im in is it la me my no se so to us';

const OTHER_CCTLDS =
  'ac ad ae af ag ai al ao ar au aw az ba bd bf bg bh bi bj bn bo br bs bt bw bz ca cc cd cf cg ch ci ' +
  'cl cm cn co cr cu cv cy cz dk dm dz ec ee eg er et eu fi fj fm fr ga ge gh gi gl gm gn gq gr gt gy ' +
  'hk hn hr ht hu ie il io iq ir je jm jo jp ke kg kh kr kw ky kz lb li lk lr ls lt lu lv ly ma md mg ' +
  'mk ml mn mo mt mu mv mw mx mz na ne ng ni nl np nz om pa pe pg ph pk pl pr ps pt pw py qa re ro rs ' +
  'ru rw sa sc sd sg sh si sk sl sn sr st sv sy sz tc td tg th tj tk tl tm tn tr tt tv tw tz ua ug uk ' +
  'uy uz vc ve vg vn vu ws ye za zm zw';

/** Generic TLDs common enough (or abused enough) to accept a bare "name.tld" without a path. */
const COMMON_GTLDS =
  'com net org info biz edu gov io app dev xyz top icu online site store shop vip cyou sbs cfd buzz';

/** Other TLDs accepted when the link has a scheme, www. or a path ("promo.click/win"). */
const OTHER_GTLDS =
  'mil int club tech website space live life link click country work support rest cam monster quest ' +
  'bond lol fit fun loan win bid review date download racing party stream trade accountant science ' +
  'men kim zip mov email services solutions digital agency global world today news blog cloud host ' +
  'page help center network group company bank money finance pro mobi name tel asia travel ltd media ' +
  'studio design events delivery express parcel one plus best guru';

function wordSet(...lists: string[]): ReadonlySet<string> {
  return new Set(lists.join(' ').split(/\s+/).filter(Boolean));
}

/** TLDs a scheme-less "name.tld" may end with, with no path required. */
export const BARE_TLDS = wordSet(OTHER_CCTLDS, COMMON_GTLDS);

/** Every TLD the extractor recognises for scheme-less links that have a path or www. */
export const KNOWN_TLDS = wordSet(WORD_LIKE_CCTLDS, OTHER_CCTLDS, COMMON_GTLDS, OTHER_GTLDS);

/** Cheap or abuse-heavy TLDs that show up disproportionately in phishing. */
export const RISKY_TLDS = wordSet(
  'zip mov xyz top click country gq tk ml cf ga work support rest cam icu buzz monster quest cyou sbs',
  'cfd bond lol fit loan win bid review date download racing party stream trade accountant science men',
  'kim pw online site link fun vip',
);

/** Second-level labels under a country code that act as a public suffix: co.uk, com.br, gob.mx. */
export const SECOND_LEVEL_LABELS = wordSet('co com org net gov ac edu gob nom ne or go mil ltd plc sch me');

/** Link shorteners: they hide the destination, which is exactly why scammers like them. */
export const SHORTENER_HOSTS = wordSet(
  'bit.ly bitly.com tinyurl.com t.co goo.gl is.gd v.gd cutt.ly rb.gy t.ly s.id ow.ly shorturl.at buff.ly',
  'tiny.cc rebrand.ly bl.ink qrco.de lnkd.in surl.li u.to clck.ru x.gd bit.do adf.ly shorte.st',
  'tiny.one urlz.fr short.gy 2u.pm',
);

/** Path words typical of credential-harvesting pages. Substring match, so "/myaccount" counts. */
export const SUSPICIOUS_PATH_WORDS = [
  'login',
  'log-in',
  'signin',
  'sign-in',
  'verify',
  'verification',
  'account',
  'secure',
  'update',
  'wallet',
  'unlock',
  'suspend',
  'confirm',
  'banking',
  'password',
  'validate',
  'billing',
  'redelivery',
] as const;
