import type { ReplyCatalog } from './reply-catalog.types.ts';

/** French replies (vous), with French spacing before colons. */
export const CATALOG_FR: ReplyCatalog = {
  welcome: (t) =>
    `👋 Ici le service anti-arnaque de ${t}. Transférez-nous tout message qui vous inquiète : nous vous dirons en quelques secondes s'il semble sûr.`,
  verdictLine: {
    scam: '🚨 *Arnaque* — ce message présente des signes clairs de fraude.',
    suspicious: "⚠️ *Suspect* — ce message présente des signaux d'alerte.",
    spam: '📢 *Spam* — cela ressemble à de la publicité non sollicitée.',
    safe: '✅ *Semble sûr* — rien ne correspond à des arnaques connues.',
  },
  reasonsHeading: {
    scam: '*Pourquoi :*',
    suspicious: '*Pourquoi :*',
    spam: '*Pourquoi :*',
    safe: '*À savoir :*',
  },
  reasons: {
    'url.ip_literal': () => "Le lien mène à une adresse numérique au lieu d'un nom de site",
    'url.userinfo': () => 'Le lien cache sa vraie destination',
    'url.punycode': () => 'Le lien utilise une adresse codée qui peut imiter un autre site',
    'url.non_ascii_host': () => 'Le lien contient des caractères inhabituels dans son adresse',
    'url.mixed_script_host': () => 'Le lien mélange des alphabets pour imiter une adresse connue',
    'url.lookalike_tenant': (t) => `Le lien imite le site de ${t}, mais n'appartient pas à ${t}`,
    'url.lookalike_brand': () => "Le lien imite le site d'une marque connue",
    'url.many_subdomains': () => 'Le lien a une adresse anormalement longue et alambiquée',
    'url.risky_tld': () => 'Le lien se termine par une extension souvent utilisée pour les arnaques',
    'url.shortener': () => 'Le lien est raccourci, ce qui cache sa vraie destination',
    'url.suspicious_path': () => 'Le lien mène à une page typique des fausses pages de connexion',
    'url.random_label': () => "L'adresse du lien semble aléatoire",
    'url.nonstandard_port': () => 'Le lien utilise un port technique inhabituel',
    'url.plain_http': () => "Le lien n'est pas sécurisé (http au lieu de https)",
    'url.threat_feed': () => 'Le lien figure sur une liste de sites frauduleux ou malveillants connus',
    'url.tenant_blocked': (t) => `${t} a signalé ce lien comme frauduleux`,
    'url.new_domain': () => 'Le lien mène à un site enregistré il y a quelques jours',
    'url.redirects': () => 'Le lien vous renvoie vers un autre site',
    'text.urgency': () => "Il vous presse d'agir vite",
    'text.payment_request': () => "Il demande de l'argent ou un paiement",
    'text.credential_request': () => 'Il demande des données personnelles ou bancaires',
    'text.otp_request': () => 'Il demande un code de sécurité reçu sur votre téléphone',
    'text.prize': () => 'Il promet un gain ou un cadeau',
    'text.impersonation': () => "Il se fait passer pour quelqu'un de confiance",
    'text.job_investment_lure': () => "Il propose de l'argent facile ou un emploi trop beau pour être vrai",
    'text.premium_rate': () => 'Il vous renvoie vers un numéro ou un code surtaxé',
    'text.marketing': () => 'Il ressemble à de la publicité de masse',
    'text.obfuscation': () => 'Il cache des mots avec des astuces pour passer les filtres',
    'text.new_number_claim': () => "L'expéditeur prétend être un proche avec un nouveau numéro",
    'text.model_scam': () => 'Sa formulation ressemble fortement à des arnaques connues',
    'text.model_spam': () => 'Sa formulation ressemble à de la publicité de masse',
  },
  genericReason: { url: "Le lien présente un signal d'alerte", text: "Le texte présente un signal d'alerte" },
  detailSeparator: ' : ',
  linksChecked: (checked, total) =>
    checked === 0
      ? "_Les liens n'ont pas été vérifiés._"
      : checked === 1
        ? `_Seul le premier des ${total} liens a été vérifié._`
        : `_Seuls les ${checked} premiers des ${total} liens ont été vérifiés._`,
  nextStep: {
    scam: (t) =>
      `👉 *Que faire :* ne cliquez pas, ne répondez pas et ne payez rien. Bloquez l'expéditeur et signalez la conversation. S'il mentionne ${t}, contactez ${t} uniquement via son application, son site ou son numéro officiels.`,
    suspicious: (t) =>
      `👉 *Que faire :* n'agissez pas pour l'instant. Vérifiez par un canal officiel, comme l'application, le site ou le numéro officiels de ${t}.`,
    spam: () => "👉 *Que faire :* ignorez-le ou bloquez l'expéditeur.",
    safe: () =>
      '👉 Aucun risque connu détecté, mais restez vigilant : ne partagez jamais de codes ni de mots de passe.',
  },
  mediaOnly:
    "📎 Je ne peux pas encore vérifier les photos, documents ou messages vocaux. Transférez le texte du message, ou recopiez le lien ou ce qu'il vous demande de faire.",
  mediaNotChecked: "_Les pièces jointes (photos, documents, messages vocaux) n'ont pas été vérifiées._",
  rateLimit: (t) =>
    `⏳ Vous avez envoyé beaucoup de messages en peu de temps. Réessayez un peu plus tard, en général d'ici une heure. (Service anti-arnaque de ${t})`,
};
