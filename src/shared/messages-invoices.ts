/**
 * Messages for invoicing (#7): the module's errors and the e-invoicing lifecycle statuses (reform codes 200–214).
 * Spread into `messages.ts`. Placeholders are exactly the params the code is emitted with.
 */
export const invoiceMessages: Record<string, { fr: string; en: string }> = {
  nothing_to_invoice: {
    fr: 'Rien à facturer : tout a déjà été facturé (ou est dans une facture brouillon).',
    en: 'Nothing to invoice: everything has already been invoiced (or sits in a draft invoice).',
  },
  nothing_to_credit: { fr: 'Rien à créditer pour ce retour.', en: 'Nothing to credit for this return.' },
  several_customers: {
    fr: 'Les livraisons appartiennent à plusieurs clients : une facture ne concerne qu’un client.',
    en: 'The deliveries belong to several customers: an invoice is for one customer.',
  },
  several_currencies: {
    fr: 'Les commandes sont dans plusieurs devises : une facture n’a qu’une devise.',
    en: 'The orders are in several currencies: an invoice has one currency.',
  },
  delivery_not_shipped: {
    fr: 'La livraison {number} n’est pas encore expédiée : on ne facture que ce qui est parti.',
    en: 'Delivery {number} has not shipped yet: only what left is invoiced.',
  },
  order_not_invoiceable: {
    fr: 'Cette commande ne peut pas être facturée dans son état actuel ({status}).',
    en: 'This order cannot be invoiced in its current state ({status}).',
  },
  exceeds_invoiceable: {
    fr: 'Quantité supérieure à ce qui reste à facturer ({invoiceable}).',
    en: 'Quantity above what is left to invoice ({invoiceable}).',
  },
  exceeds_creditable: {
    fr: 'Quantité supérieure à ce qui reste à créditer ({creditable}).',
    en: 'Quantity above what is left to credit ({creditable}).',
  },
  exceeds_order: { fr: 'Montant supérieur au total HT de la commande.', en: 'Amount above the order’s net total.' },
  out_of_range: { fr: 'Valeur hors limites.', en: 'Value out of range.' },
  percent_or_amount: {
    fr: 'Indiquez un pourcentage ou un montant, pas les deux.',
    en: 'Give a percent or an amount, not both.',
  },
  deliveries_or_order: {
    fr: 'Indiquez soit des livraisons, soit une commande.',
    en: 'Give either deliveries or an order.',
  },
  order_required: { fr: 'Un acompte se facture sur une commande.', en: 'A down payment is invoiced on an order.' },
  one_way_only: {
    fr: 'Un avoir porte sur des lignes, un montant ou un retour — un seul des trois.',
    en: 'A credit note covers lines, an amount or a return — only one of them.',
  },
  invoice_negative: {
    fr: 'Le total HT de la facture serait négatif.',
    en: 'The invoice’s net total would be negative.',
  },
  invoice_not_draft: {
    fr: 'Cette facture n’est plus un brouillon ({status}).',
    en: 'This invoice is no longer a draft ({status}).',
  },
  invoice_immutable: {
    fr: 'Une facture émise ne se modifie ni ne se supprime : corrigez-la par un avoir.',
    en: 'An issued invoice can be neither changed nor deleted: correct it with a credit note.',
  },
  invoice_not_issued: { fr: 'Cette facture n’est pas émise.', en: 'This invoice has not been issued.' },
  invoice_not_creditable: {
    fr: 'Seule une facture émise peut recevoir un avoir.',
    en: 'Only an issued invoice can be credited.',
  },
  already_credited: {
    fr: 'Cette facture a déjà reçu un avoir : choisissez les lignes et quantités à créditer.',
    en: 'This invoice has already been credited: choose the lines and quantities to credit.',
  },
  credit_exceeds_invoice: {
    fr: 'Les avoirs dépasseraient le montant de la facture (reste créditable : {creditable}).',
    en: 'The credit notes would exceed the invoice (left to credit: {creditable}).',
  },
  vat_not_on_invoice: {
    fr: 'Ce taux de TVA ne figure pas sur la facture.',
    en: 'This VAT rate is not on the invoice.',
  },
  deduction_line: {
    fr: 'Une ligne de déduction d’acompte ne se crédite pas.',
    en: 'A down-payment deduction line cannot be credited.',
  },
  issue_date_in_future: {
    fr: 'La date d’émission ne peut pas être dans le futur.',
    en: 'The issue date cannot be in the future.',
  },
  issue_date_before_last: {
    fr: 'Numérotation chronologique : la dernière facture de la série est datée du {last}.',
    en: 'Chronological numbering: the last invoice of the series is dated {last}.',
  },
  exchange_rate_missing: {
    fr: 'Aucun taux de change {currency} → EUR au {date} : saisissez-le (la TVA doit figurer en euros).',
    en: 'No {currency} → EUR exchange rate on {date}: enter it (VAT must be shown in euros).',
  },
  buyer_siren_missing: {
    fr: 'Le SIREN du client est obligatoire sur la facture (réforme 2026) : complétez la fiche client.',
    en: 'The customer’s SIREN is mandatory on the invoice (2026 reform): complete the customer record.',
  },
  no_invoice_email: {
    fr: 'Aucune adresse e-mail de facturation pour ce client.',
    en: 'No invoicing e-mail address for this customer.',
  },
  not_overdue: {
    fr: 'La facture n’est pas échue à cette date : pas de pénalités.',
    en: 'The invoice is not overdue on that date: no penalties.',
  },
  not_eur: {
    fr: 'Le taux se saisit pour une devise autre que l’euro.',
    en: 'Rates are for currencies other than the euro.',
  },
  invalid_line: { fr: 'Ligne illisible.', en: 'Unreadable line.' },
  invoice_document_missing: {
    fr: 'Document pas encore archivé.',
    en: 'Document not archived yet.',
  },
  // ── lifecycle statuses (DOMAIN.md §10) ──
  lifecycle_200: { fr: 'Déposée', en: 'Deposited' },
  lifecycle_201: { fr: 'Émise par la plateforme', en: 'Issued by the platform' },
  lifecycle_202: { fr: 'Reçue par la plateforme', en: 'Received by the platform' },
  lifecycle_203: { fr: 'Mise à disposition', en: 'Made available' },
  lifecycle_204: { fr: 'Prise en charge', en: 'Taken over' },
  lifecycle_205: { fr: 'Approuvée', en: 'Approved' },
  lifecycle_206: { fr: 'Approuvée partiellement', en: 'Partially approved' },
  lifecycle_207: { fr: 'En litige', en: 'Disputed' },
  lifecycle_208: { fr: 'Suspendue', en: 'Suspended' },
  lifecycle_209: { fr: 'Complétée', en: 'Completed' },
  lifecycle_210: { fr: 'Refusée', en: 'Refused' },
  lifecycle_211: { fr: 'Paiement transmis', en: 'Payment sent' },
  lifecycle_212: { fr: 'Encaissée', en: 'Collected' },
  lifecycle_213: { fr: 'Rejetée', en: 'Rejected' },
  lifecycle_214: { fr: 'Visée', en: 'Endorsed' },
};
