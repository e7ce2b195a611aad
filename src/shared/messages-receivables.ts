/**
 * Messages for receivables (#8): payments, bank statements (the parsers' codes), matching, dunning, credit hold.
 * Spread into `messages.ts`. Placeholders are exactly the params the code is emitted with.
 */
export const receivablesMessages: Record<string, { fr: string; en: string }> = {
  exceeds_amount_due: {
    fr: 'Montant supérieur au reste dû de la facture ({amountDue}).',
    en: 'Amount above what is left to pay on the invoice ({amountDue}).',
  },
  exceeds_payment: {
    fr: 'Les affectations dépassent le règlement (non affecté : {unallocated}).',
    en: 'The allocations exceed the payment (unallocated: {unallocated}).',
  },
  write_off_above_threshold: {
    fr: 'Écart trop important pour être passé en pertes (seuil : {threshold}).',
    en: 'Difference too large to write off (threshold: {threshold}).',
  },
  other_customer: { fr: 'Cette facture est celle d’un autre client.', en: 'This invoice belongs to another customer.' },
  not_payable: { fr: 'Ce document ne peut pas être réglé.', en: 'This document cannot be paid.' },
  other_currency: { fr: 'Devise différente de celle du règlement.', en: 'Currency differs from the payment’s.' },
  offset_exceeds_invoices: {
    fr: 'Les avoirs imputés dépassent les factures réglées.',
    en: 'The credit notes offset exceed the invoices settled.',
  },
  bank_line_matched: {
    fr: 'Cette ligne de relevé est déjà rapprochée.',
    en: 'This statement line is already matched.',
  },
  bank_line_not_receivable: {
    fr: 'Cette ligne n’est pas un encaissement comptabilisé (débit, rejet ou en attente).',
    en: 'This line is not a booked receipt (debit, reversal or pending).',
  },
  no_suggestion: {
    fr: 'Aucune proposition de rapprochement pour cette ligne.',
    en: 'No match suggested for this line.',
  },
  letter_not_proposed: { fr: 'Cette relance n’est plus à envoyer.', en: 'This reminder is no longer to be sent.' },
  customer_on_credit_hold: {
    fr: 'Client bloqué pour encours ({reasons}) : livraison suspendue jusqu’à déblocage par un responsable.',
    en: 'Customer on credit hold ({reasons}): delivery held until a manager releases it.',
  },
  date_in_past: { fr: 'La date est passée.', en: 'The date is in the past.' },
  content_or_base64: { fr: 'Joignez le fichier (texte ou base64).', en: 'Attach the file (text or base64).' },
  bank_file_invalid: { fr: 'Relevé refusé : {detail}', en: 'Statement refused: {detail}' },
  // the parsers' codes (domain/bank), shown with the line
  record_length: {
    fr: 'Ligne {line} : un enregistrement CFONB fait 120 caractères.',
    en: 'Line {line}: a CFONB record is 120 characters long.',
  },
  bad_amount: { fr: 'Ligne {line} : montant illisible.', en: 'Line {line}: unreadable amount.' },
  bad_credit_debit: {
    fr: 'Ligne {line} : sens débit/crédit illisible.',
    en: 'Line {line}: unreadable debit/credit indicator.',
  },
  bad_currency: { fr: 'Ligne {line} : devise illisible.', en: 'Line {line}: unreadable currency.' },
  bad_date: { fr: 'Ligne {line} : date illisible.', en: 'Line {line}: unreadable date.' },
  bad_decimals: {
    fr: 'Ligne {line} : nombre de décimales illisible.',
    en: 'Line {line}: unreadable number of decimals.',
  },
  bad_direction: { fr: 'Ligne {line} : sens illisible.', en: 'Line {line}: unreadable direction.' },
  balance_mismatch: {
    fr: 'Ligne {line} : le solde final ne correspond pas au solde initial plus les mouvements.',
    en: 'Line {line}: the closing balance is not the opening balance plus the entries.',
  },
  summary_mismatch: {
    fr: 'Ligne {line} : les totaux de contrôle ne correspondent pas aux écritures.',
    en: 'Line {line}: the control totals do not match the entries.',
  },
  camt_structure: {
    fr: 'Ligne {line} : structure CAMT.053 inattendue.',
    en: 'Line {line}: unexpected CAMT.053 structure.',
  },
  csv_header: {
    fr: 'En-tête CSV non reconnu (date, libellé, montant…).',
    en: 'CSV header not recognised (date, label, amount…).',
  },
  csv_quote: { fr: 'Ligne {line} : guillemet non fermé.', en: 'Line {line}: unclosed quote.' },
  currency_mismatch: {
    fr: 'Ligne {line} : devise différente de celle du compte.',
    en: 'Line {line}: currency differs from the account’s.',
  },
  missing_amount: { fr: 'Ligne {line} : montant manquant.', en: 'Line {line}: amount missing.' },
  missing_balance: { fr: 'Ligne {line} : solde manquant.', en: 'Line {line}: balance missing.' },
  missing_currency: { fr: 'Ligne {line} : devise manquante.', en: 'Line {line}: currency missing.' },
  no_lines: { fr: 'Aucune ligne dans le fichier.', en: 'No lines in the file.' },
  no_statement: { fr: 'Aucun relevé dans le fichier.', en: 'No statement in the file.' },
  orphan_record: {
    fr: 'Ligne {line} : enregistrement hors d’un relevé.',
    en: 'Line {line}: record outside a statement.',
  },
  unclosed_statement: {
    fr: 'Ligne {line} : relevé sans solde final.',
    en: 'Line {line}: statement without a closing balance.',
  },
  unsupported_format: {
    fr: 'Format non reconnu : CAMT.053 (XML), CFONB 120 ou CSV.',
    en: 'Unrecognised format: CAMT.053 (XML), CFONB 120 or CSV.',
  },
  xml_doctype: { fr: 'Fichier XML refusé (DOCTYPE).', en: 'XML file refused (DOCTYPE).' },
  dunning_level_invalid: { fr: 'Niveau de relance {level} invalide.', en: 'Dunning level {level} is invalid.' },
  dunning_level_duplicate: { fr: 'Niveau de relance {level} en double.', en: 'Dunning level {level} appears twice.' },
  dunning_offsets_not_increasing: {
    fr: 'Les délais de relance doivent croître avec le niveau (niveau {level}).',
    en: 'Dunning delays must increase with the level (level {level}).',
  },
};
