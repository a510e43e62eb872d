import type { TextRule } from './text-rule.types.ts';

// Spanish, Portuguese and French patterns for the strongest cues only (urgency, credentials and
// codes, payment) plus the commonest impersonation openers. Same folded form as English: lowercase,
// accents stripped, so "código" is written "codigo".

const URGENCY: TextRule = {
  code: 'text.urgency',
  weight: 0.3,
  phrases: [
    // es
    'urgente',
    'inmediatamente',
    'de inmediato',
    '(?:en|dentro de) (?:las )?(?:proximas )?\\d+ ?(?:horas|h|minutos)',
    '(?:su|tu) (?:cuenta|tarjeta) (?:ha sido|sera|esta|fue|quedara) (?:temporalmente )?(?:suspendida|bloqueada|cerrada|desactivada|cancelada|restringida)',
    '(?:ultimo|unico) aviso',
    // pt
    'imediatamente',
    '(?:em|dentro de|nas proximas) \\d+ ?(?:horas|h|minutos)',
    '(?:sua|a) conta (?:sera|foi|esta|vai ser) (?:temporariamente )?(?:suspensa|bloqueada|encerrada|desativada|cancelada)',
    'aviso final',
    // fr
    'immediatement',
    'sans delai',
    "(?:sous|dans les|d['’]ici) \\d+ ?(?:heures|h|minutes)",
    'votre (?:compte|carte) (?:a ete|sera|est|va etre) (?:temporairement )?(?:suspendue?|bloquee?|fermee?|desactivee?|restreinte?)',
    '(?:dernier (?:avis|rappel|avertissement)|derniere relance)',
  ],
};

const CREDENTIAL: TextRule = {
  code: 'text.credential_request',
  weight: 0.55,
  phrases: [
    // es
    'verifi(?:ca|que|car) (?:su|tu|sus|tus) (?:cuenta|identidad|datos|tarjeta)',
    '(?:confirm|actualiz)(?:a|e|ar) (?:sus|tus) datos',
    '(?:su|tu) (?:contrasena|clave)',
    'numero de (?:la |su |tu )?tarjeta',
    // pt
    'verifi(?:que|car|ca) (?:sua|a|seus|os) (?:conta|identidade|dados|cartao)',
    '(?:confirm|atualiz)(?:e|ar|a) (?:seus|os|sua) (?:dados|identidade|conta)',
    '(?:sua|a) senha',
    'numero do (?:seu )?cartao',
    // fr
    'verifi(?:ez|er) (?:votre|vos) (?:compte|identite|informations|donnees|coordonnees|carte)',
    'confirm(?:ez|er) (?:votre|vos) (?:compte|identite|informations|donnees|coordonnees)',
    'mett(?:ez|re) a jour (?:votre|vos) (?:compte|informations|donnees|coordonnees)',
    '(?:votre|ton) mot de passe',
    'numero de (?:votre )?carte',
    'cryptogramme',
  ],
};

const OTP: TextRule = {
  code: 'text.otp_request',
  weight: 0.8,
  phrases: [
    // es
    '(?:envia|enviame|manda|mandame|comparte|compartir|dime|dame|pasame|reenvia|reenviame) (?:el|tu|su|ese|este) codigo',
    '(?:envie|mande) un codigo por (?:error|equivocacion)',
    // pt
    '(?:envie|envia|manda|mande|me passa|passa|compartilhe|me diga|reenvie)(?:-me)? (?:o|seu|esse|este) codigo',
    'codigo por engano',
    // fr
    '(?:envoyez|envoie|envoyer|donnez|donne|transmettez|transmets|communiquez|renvoie|renvoyez)(?:-moi|-nous)? (?:le|votre|ton|ce) code',
    'code par (?:erreur|accident)',
  ],
};

const PAYMENT_STRONG: TextRule = {
  code: 'text.payment_request',
  weight: 0.45,
  phrases: [
    // es
    'tarjetas? de regalo',
    '(?:un |el )?deposito (?:de|reembolsable|previo|inicial)',
    '(?:me puedes|puedes|podrias) (?:depositar|transferir|hacer una transferencia|mandar|enviar)',
    'pagar (?:una|la) multa',
    '(?:gastos|comision|tasa) (?:de )?(?:apertura|gestion|tramitacion|estudio|activacion)',
    '(?:tasa|tarifa|gastos|cargos?) de (?:aduana|envio|entrega|gestion|liberacion)',
    '(?:envia|manda|transfiere)(?:me)? (?:el )?dinero',
    // pt
    'cart(?:ao|oes) (?:de )?presente',
    '(?:e preciso|precisa|tem que|voce precisa) depositar',
    '(?:pode|podes|consegue) (?:me )?(?:fazer um pix|transferir|depositar|mandar)',
    'taxa (?:de )?(?:liberacao|ativacao|cadastro|abertura|saque)',
    'taxa (?:alfandegaria|de (?:entrega|envio|liberacao|alfandega|desembaraco))',
    '(?:faz|faca|fazer|manda|mande|envia|envie) (?:um |uma |o )?(?:pix|transferencia)',
    // fr
    'cartes? cadeaux?',
    '(?:tu peux|pourrais-tu|pouvez-vous|peux-tu) (?:me )?(?:faire un virement|virer|envoyer de l.argent|avancer)',
    'frais (?:de dossier|d.activation|d.inscription|de deblocage)',
    '(?:frais|droits) de (?:douane|livraison|reexpedition|dedouanement|traitement)',
    'mandat cash',
    'coupons? (?:pcs|transcash|neosurf)',
    '(?:envoie|envoyez|fais|faites)(?:-moi)? un virement',
  ],
};

const PAYMENT_WEAK: TextRule = {
  code: 'text.payment_request',
  weight: 0.2,
  phrases: [
    // es
    'pag(?:ar|ue|o)',
    'transferencia',
    'transfiere(?:me)?',
    // pt
    'pag(?:ue|amento)',
    'transfer(?:e|ir)',
    'boleto',
    // fr
    'pay(?:er|ez)',
    'paiement',
    'virement',
    'regl(?:er|ez)',
  ],
};

const IMPERSONATION: TextRule = {
  code: 'text.impersonation',
  weight: 0.45,
  phrases: [
    // es
    '(?:paquete|envio|pedido) (?:esta |ha sido |fue |sigue )?(?:retenido|pendiente|no entregado)',
    'devolucion de impuestos',
    // pt
    '(?:encomenda|pacote) (?:esta |foi |ficou |se encontra )?(?:retida|retido|pendente|nao entregue)',
    // fr
    'colis (?:est |a ete |reste )?(?:en attente|bloque|retenu|non livre)',
    "remboursement d['’]impots?",
  ],
};

const FAMILY_OPENER: TextRule = {
  code: 'text.impersonation',
  weight: 0.3,
  phrases: [
    'hola (?:mama|papa)',
    'oi (?:mae|pai)',
    '(?:coucou|salut|bonjour) (?:maman|papa)',
    '(?:hallo|hi|hey) (?:mama|mami|papa|papi)',
  ],
};

/** "This is my new number" and "my phone broke", the opening of family impersonation. */
const NEW_NUMBER: TextRule = {
  code: 'text.new_number_claim',
  weight: 0.45,
  phrases: [
    // es
    '(?:este es )?mi (?:nuevo numero|numero nuevo)',
    'se me (?:rompio|cayo|perdio) el (?:movil|celular|telefono)',
    // pt
    '(?:esse|este) (?:e )?(?:o )?meu (?:novo numero|numero novo)',
    '(?:meu )?(?:celular|telemovel|telefone) (?:quebrou|caiu|foi roubado)',
    // fr
    "(?:c['’]est )?mon nouveau numero",
    "(?:j['’]ai )?(?:casse|perdu) mon (?:telephone|portable)",
    // de
    '(?:das ist |hier ist )?meine neue (?:handy)?nummer',
    '(?:mein )?handy (?:ist )?(?:kaputt|ins wasser gefallen|gestohlen)',
  ],
};

/** Spanish, Portuguese and French rules, and German family-impersonation openers. */
export const INTL_TEXT_RULES: readonly TextRule[] = [
  URGENCY,
  CREDENTIAL,
  OTP,
  PAYMENT_STRONG,
  PAYMENT_WEAK,
  IMPERSONATION,
  FAMILY_OPENER,
  NEW_NUMBER,
];
