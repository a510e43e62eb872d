// Curated lists. The public suffix itself comes from `tldts` (the Public Suffix List); these lists
// only rank links, they do not prove anything. Each says where it came from; keep them lowercase
// and ASCII (IDN TLDs as punycode).

/**
 * ccTLDs accepted for a bare "name.tld" (no scheme, no path): the IANA root zone minus those that
 * are also everyday words or file extensions (am as at be by de do es go id im in is it la me md my
 * no py rs se sh so to us), so "going.to", "home.it", "ok.so" and "readme.md" need a path or www.
 * Chosen by hand from chat messages the extractor misread.
 */
const OTHER_CCTLDS =
  'ac ad ae af ag ai al ao ar au aw az ba bd bf bg bh bi bj bn bo br bs bt bw bz ca cc cd cf cg ch ci ' +
  'cl cm cn co cr cu cv cy cz dk dm dz ec ee eg er et eu fi fj fm fr ga ge gh gi gl gm gn gq gr gt gy ' +
  'hk hn hr ht hu ie il io iq ir je jm jo jp ke kg kh kr kw ky kz lb li lk lr ls lt lu lv ly ma mg ' +
  'mk ml mn mo mt mu mv mw mx mz na ne ng ni nl np nz om pa pe pg ph pk pl pr ps pt pw qa re ro ' +
  'ru rw sa sc sd sg si sk sl sn sr st sv sy sz tc td tg th tj tk tl tm tn tr tt tv tw tz ua ug uk ' +
  'uy uz vc ve vg vn vu ws ye za zm zw';

/**
 * Generic TLDs common enough (or abused enough) to accept a bare "name.tld" without a path. Other
 * TLDs still count with a scheme, www. or a path ("promo.click/win"); file extensions that are also
 * TLDs (.zip, .mov) are deliberately absent so "see file.zip" is not a link.
 */
const COMMON_GTLDS =
  'com net org info biz edu gov io app dev xyz top icu online site store shop vip cyou sbs cfd buzz';

function wordSet(...lists: string[]): ReadonlySet<string> {
  return new Set(lists.join(' ').split(/\s+/).filter(Boolean));
}

/** TLDs a scheme-less "name.tld" may end with, with no path required. */
export const BARE_TLDS = wordSet(OTHER_CCTLDS, COMMON_GTLDS);

/**
 * Cheap or abuse-heavy TLDs that show up disproportionately in phishing. Sources: Interisle
 * Consulting's "Phishing Landscape" reports 2022–2024 (TLDs by phishing domains per registration:
 * .top .xyz .shop .online .site .click .buzz .icu .cyou .sbs .cfd .bond .live .vip .rest .lol ...),
 * Spamhaus' "most abused TLDs" statistics (.su .cn-style registries omitted: too much legitimate
 * use in our markets), the former Freenom free TLDs (.tk .ml .ga .cf .gq, still common in old
 * campaigns), the XYZ registry's cheap "lifestyle" TLDs seen in smishing kits (.beauty .hair .skin
 * .makeup .autos .boats .yachts .motorcycles .mom .pics .lat), and Google's 2023 .zip/.mov, which
 * read like file names.
 */
export const RISKY_TLDS = wordSet(
  'zip mov xyz top click country gq tk ml cf ga work support rest cam icu buzz monster quest cyou sbs',
  'cfd bond lol fit loan win bid review date download racing party stream trade accountant science men',
  'kim pw online site link fun vip live shop store club bar beauty hair skin makeup autos boats yachts',
  'motorcycles mom pics lat help today',
);

/**
 * General-purpose link shorteners: they hide the destination, which is exactly why scammers like
 * them. From the services' own sites and from shortener domains in PhishTank/URLhaus listings.
 * Brand-locked shorteners that can only point at their owner's pages (amzn.to, youtu.be, wa.me,
 * g.co, db.tt) are left out on purpose: they hide nothing dangerous.
 */
export const SHORTENER_HOSTS = wordSet(
  'bit.ly bitly.com j.mp bit.do tinyurl.com tiny.one tiny.cc t.co goo.gl is.gd v.gd cutt.ly cutt.us',
  'rb.gy t.ly s.id ow.ly ht.ly shorturl.at buff.ly rebrand.ly bl.ink qrco.de lnkd.in surl.li u.to',
  'clck.ru vk.cc goo.su x.gd adf.ly q.gs shorte.st ouo.io bc.vc gg.gg tr.im soo.gd tny.im shrtco.de',
  'urlz.fr lstu.fr short.gy 2u.pm cli.re kutt.it han.gl me2.do naver.me qr.net t2m.io hyperurl.co',
  'dub.sh snip.ly 3.ly chilp.it urlr.me ift.tt dlvr.it trib.al hubs.ly shor.by spoo.me v.ht zws.im',
  'ity.im qrs.ly',
);

/**
 * Path words typical of credential-harvesting and fake-delivery pages, from phishing-kit paths in
 * OpenPhish/PhishTank samples and APWG reports. Long words match as substrings of a path segment
 * ("/myaccount", "/securelogin"); short ones must be a whole word ("/pay/" but not "/paysage/").
 */
export const SUSPICIOUS_PATH_WORDS = [
  'login',
  'log-in',
  'logon',
  'signin',
  'sign-in',
  'signon',
  'verify',
  'verification',
  'account',
  'secure',
  'security',
  'update',
  'wallet',
  'unlock',
  'suspend',
  'confirm',
  'banking',
  'password',
  'passwd',
  'validate',
  'billing',
  'redelivery',
  'reschedule',
  'webscr',
  'authenticate',
  'recover',
  'reactivate',
  'restore',
  'refund',
  'invoice',
  'customs',
  'parcel',
  'seedphrase',
  'wp-content',
  'wp-includes',
] as const;

/** Short path words that count only as a whole path word, so "/pay" fires and "/paysage" does not. */
export const SUSPICIOUS_PATH_TOKENS = wordSet('pay otp kyc 2fa mfa sso tax fee auth claim');
