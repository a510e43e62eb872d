/**
 * Words that turn a brand name into a lure when glued to it: "dhltracking", "securepaypal",
 * "amazon-verify", "correosentrega", "impotsremboursement". Known brands only count as embedded in
 * a longer label when the rest is made of these words, so "natwestgroup" and "revolution" stay
 * clean. English plus the commonest equivalents in es, pt, fr and de, taken from look-alike
 * domains in smishing reports; lowercase ASCII.
 */
export const LURE_WORDS: readonly string[] = `
  my login logon signin secure security verify verification validate account accounts support
  online update pay payment payments service services help helpdesk delivery deliver parcel
  package track tracking shipping refund refunds bank banking app web mail auth alert alerts
  customer customers care portal center centre confirm wallet post express tax gov official
  check notice id fee fees unlock claim reward bonus gift prime member members client clients
  oficial seguro segura cuenta conta compte konto soporte suporte ayuda ajuda aide hilfe entrega
  envio envios livraison colis paquete paket pago pagos pagamento paiement zahlung reembolso
  remboursement erstattung rastreio seguimiento suivi sendung cliente clientes kunde acceso acesso
  acces zugang verificar verificacao verifier sicher
  es uk us fr de pt br mx ar co
`
  .split(/\s+/)
  .filter(Boolean);
