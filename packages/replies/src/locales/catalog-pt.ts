import type { ReplyCatalog } from './reply-catalog.types.ts';

/** Portuguese replies (você, understood in Brazil and Portugal). */
export const CATALOG_PT: ReplyCatalog = {
  welcome: (t) =>
    `👋 Aqui é o verificador de golpes de ${t}. Encaminhe qualquer mensagem que te preocupe e diremos em segundos se parece segura.`,
  verdictLine: {
    scam: '🚨 *Golpe* — esta mensagem tem sinais claros de fraude.',
    suspicious: '⚠️ *Suspeita* — esta mensagem tem sinais de alerta.',
    spam: '📢 *Spam* — parece publicidade indesejada.',
    safe: '✅ *Parece segura* — não corresponde a golpes conhecidos.',
  },
  reasonsHeading: {
    scam: '*Por quê:*',
    suspicious: '*Por quê:*',
    spam: '*Por quê:*',
    safe: '*Para sua informação:*',
  },
  reasons: {
    'url.ip_literal': () => 'O link leva a um endereço numérico em vez do nome de um site',
    'url.userinfo': () => 'O link esconde o seu destino real',
    'url.punycode': () => 'O link usa um endereço codificado que pode imitar outro site',
    'url.non_ascii_host': () => 'O link usa caracteres incomuns no endereço',
    'url.mixed_script_host': () => 'O link mistura alfabetos para imitar um endereço conhecido',
    'url.lookalike_tenant': (t) => `O link imita o site de ${t}, mas não pertence a ${t}`,
    'url.lookalike_brand': () => 'O link imita o site de uma marca conhecida',
    'url.many_subdomains': () => 'O link tem um endereço longo e confuso fora do normal',
    'url.risky_tld': () => 'O link termina numa extensão muito usada em golpes',
    'url.shortener': () => 'O link é encurtado e esconde para onde leva',
    'url.suspicious_path': () => 'O link leva a uma página típica de login falso',
    'url.random_label': () => 'O endereço do link parece aleatório',
    'url.nonstandard_port': () => 'O link usa uma porta técnica incomum',
    'url.plain_http': () => 'O link não é seguro (http em vez de https)',
    'url.threat_feed': () => 'O link está numa lista de sites de golpe ou malware conhecidos',
    'url.tenant_blocked': (t) => `${t} denunciou este link como fraudulento`,
    'url.new_domain': () => 'O link leva a um site registado há poucos dias',
    'url.redirects': () => 'O link redireciona para outro site',
    'text.urgency': () => 'Pressiona você a agir rápido',
    'text.payment_request': () => 'Pede dinheiro ou um pagamento',
    'text.credential_request': () => 'Pede dados pessoais ou da sua conta',
    'text.otp_request': () => 'Pede um código de segurança enviado ao seu telefone',
    'text.prize': () => 'Promete um prêmio ou algo grátis',
    'text.impersonation': () => 'Finge ser alguém de confiança',
    'text.job_investment_lure': () => 'Oferece dinheiro fácil ou um emprego bom demais para ser verdade',
    'text.premium_rate': () => 'Leva você a um número ou código pago',
    'text.marketing': () => 'Parece publicidade em massa',
    'text.obfuscation': () => 'Esconde palavras com truques para escapar dos filtros',
    'text.new_number_claim': () => 'Quem escreve diz ser alguém conhecido com um número novo',
    'text.model_scam': () => 'O texto é muito parecido com golpes conhecidos',
    'text.model_spam': () => 'O texto parece publicidade em massa',
  },
  genericReason: { url: 'O link tem um sinal de alerta', text: 'O texto tem um sinal de alerta' },
  detailSeparator: ': ',
  linksChecked: (checked, total) =>
    checked === 0
      ? '_Os links não foram verificados._'
      : checked === 1
        ? `_Só o primeiro de ${total} links foi verificado._`
        : `_Só os primeiros ${checked} de ${total} links foram verificados._`,
  nextStep: {
    scam: (t) =>
      `👉 *O que fazer:* não clique, não responda e não pague. Bloqueie o remetente e denuncie a conversa. Se mencionar ${t}, fale com ${t} só pelo app, site ou telefone oficiais.`,
    suspicious: (t) =>
      `👉 *O que fazer:* não faça nada por enquanto. Confirme por um canal oficial, como o app, o site ou o telefone oficiais de ${t}.`,
    spam: () => '👉 *O que fazer:* ignore ou bloqueie o remetente.',
    safe: () =>
      '👉 Não encontramos riscos conhecidos, mas fique atento: nunca compartilhe códigos ou senhas.',
  },
  mediaOnly:
    '📎 Ainda não consigo verificar fotos, documentos ou mensagens de voz. Reencaminhe o texto da mensagem, ou escreva o link ou o que ela pede para você fazer.',
  mediaNotChecked: '_Os anexos (fotos, documentos, mensagens de voz) não foram verificados._',
  rateLimit: (t) =>
    `⏳ Você enviou muitas mensagens em pouco tempo. Tente novamente um pouco mais tarde, normalmente em menos de uma hora. (Verificador de golpes de ${t})`,
};
