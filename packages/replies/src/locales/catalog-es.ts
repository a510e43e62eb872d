import type { ReplyCatalog } from './reply-catalog.types.ts';

/** Spanish replies (tú, as usual on WhatsApp). */
export const CATALOG_ES: ReplyCatalog = {
  welcome: (t) =>
    `👋 Este es el verificador de estafas de ${t}. Reenvía aquí cualquier mensaje que te preocupe y te diremos en segundos si parece seguro.`,
  verdictLine: {
    scam: '🚨 *Estafa* — este mensaje tiene señales claras de fraude.',
    suspicious: '⚠️ *Sospechoso* — este mensaje tiene señales de alerta.',
    spam: '📢 *Spam* — parece publicidad no deseada.',
    safe: '✅ *Parece seguro* — no coincide con estafas conocidas.',
  },
  reasonsHeading: {
    scam: '*Por qué:*',
    suspicious: '*Por qué:*',
    spam: '*Por qué:*',
    safe: '*Para tu información:*',
  },
  reasons: {
    'url.ip_literal': () => 'El enlace lleva a una dirección numérica en lugar del nombre de una web',
    'url.userinfo': () => 'El enlace oculta su destino real',
    'url.punycode': () => 'El enlace usa una dirección codificada que puede imitar otra web',
    'url.non_ascii_host': () => 'El enlace usa caracteres poco habituales en su dirección',
    'url.mixed_script_host': () => 'El enlace mezcla alfabetos para imitar una dirección conocida',
    'url.lookalike_tenant': (t) => `El enlace imita la web de ${t}, pero no pertenece a ${t}`,
    'url.lookalike_brand': () => 'El enlace imita la web de una marca conocida',
    'url.many_subdomains': () => 'El enlace tiene una dirección inusualmente larga y enrevesada',
    'url.risky_tld': () => 'El enlace termina en una extensión muy usada en estafas',
    'url.shortener': () => 'El enlace está acortado y oculta adónde lleva',
    'url.suspicious_path': () => 'El enlace lleva a una página típica de las webs de acceso falsas',
    'url.random_label': () => 'La dirección del enlace parece aleatoria',
    'url.nonstandard_port': () => 'El enlace usa un puerto técnico inusual',
    'url.plain_http': () => 'El enlace no es seguro (http en lugar de https)',
    'url.threat_feed': () => 'El enlace está en una lista de sitios de estafa o malware conocidos',
    'url.tenant_blocked': (t) => `${t} ha denunciado este enlace como fraudulento`,
    'url.new_domain': () => 'El enlace lleva a una web registrada hace solo unos días',
    'url.redirects': () => 'El enlace te reenvía a otra web distinta',
    'text.urgency': () => 'Te presiona para actuar rápido',
    'text.payment_request': () => 'Pide dinero o un pago',
    'text.credential_request': () => 'Pide datos personales o de tu cuenta',
    'text.otp_request': () => 'Pide un código de seguridad enviado a tu teléfono',
    'text.prize': () => 'Promete un premio o algo gratis',
    'text.impersonation': () => 'Se hace pasar por alguien de confianza',
    'text.job_investment_lure': () => 'Ofrece dinero fácil o un trabajo demasiado bueno para ser verdad',
    'text.premium_rate': () => 'Te lleva a un número o código de pago',
    'text.marketing': () => 'Parece publicidad masiva',
    'text.obfuscation': () => 'Esconde palabras con trucos para evitar los filtros',
    'text.new_number_claim': () => 'Quien escribe dice ser alguien conocido con un número nuevo',
    'text.model_scam': () => 'Su redacción se parece mucho a estafas conocidas',
    'text.model_spam': () => 'Su redacción se parece a publicidad masiva',
  },
  genericReason: { url: 'El enlace tiene una señal de alerta', text: 'El texto tiene una señal de alerta' },
  detailSeparator: ': ',
  linksChecked: (checked, total) =>
    checked === 0
      ? '_No se revisaron los enlaces._'
      : checked === 1
        ? `_Solo se revisó el primero de ${total} enlaces._`
        : `_Solo se revisaron los primeros ${checked} de ${total} enlaces._`,
  nextStep: {
    scam: (t) =>
      `👉 *Qué hacer:* no hagas clic, no respondas y no pagues. Bloquea al remitente y denuncia el chat. Si menciona a ${t}, contacta con ${t} solo por su app, web o teléfono oficiales.`,
    suspicious: (t) =>
      `👉 *Qué hacer:* no hagas nada todavía. Compruébalo por un canal oficial, como la app, la web o el teléfono oficiales de ${t}.`,
    spam: () => '👉 *Qué hacer:* ignóralo o bloquea al remitente.',
    safe: () =>
      '👉 No encontramos riesgos conocidos, pero ten cuidado: nunca compartas códigos ni contraseñas.',
  },
  mediaOnly:
    '📎 Todavía no puedo revisar fotos, documentos ni notas de voz. Reenvía el texto del mensaje, o escribe el enlace o lo que te pide hacer.',
  mediaNotChecked: '_Los adjuntos (fotos, documentos, notas de voz) no se revisaron._',
  rateLimit: (t) =>
    `⏳ Has enviado muchos mensajes en poco tiempo. Vuelve a intentarlo un poco más tarde, normalmente en menos de una hora. (Verificador de estafas de ${t})`,
};
