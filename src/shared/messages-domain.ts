/**
 * Messages for the domain codes: pricing steps (`pricing/domain/pricing.ts`), customer-rule findings
 * (`customers/domain/rules.ts`) and document kinds. Spread into `messages.ts`.
 * Placeholders `{name}` are exactly the params the code is emitted with (some params are for the UI only).
 */
export const domainMessages: Record<string, { fr: string; en: string }> = {
  // --- pricing steps
  contract_price_applied: {
    fr: 'Prix du contrat {contractNumber} appliqué : {unitPrice} (valable jusqu’au {validTo}).',
    en: 'Price from contract {contractNumber} applied: {unitPrice} (valid until {validTo}).',
  },
  contract_expired_ignored: {
    fr: 'Le contrat {contractNumber} (du {validFrom} au {validTo}) n’est pas valable le {date} : son prix est ignoré.',
    en: 'Contract {contractNumber} (from {validFrom} to {validTo}) is not valid on {date}: its price is ignored.',
  },
  min_quantity_not_reached: {
    fr: 'Prix négocié {label} non appliqué : il s’applique à partir de {minQuantity}, la quantité est {quantity}.',
    en: 'Negotiated price {label} not applied: it starts at {minQuantity} and the quantity is {quantity}.',
  },
  customer_price_applied: {
    fr: 'Prix spécifique du client appliqué : {unitPrice}.',
    en: 'Customer-specific price applied: {unitPrice}.',
  },
  quantity_break_applied: {
    fr: 'Prix par quantité appliqué : palier à partir de {minQuantity} pour une quantité de {quantity}.',
    en: 'Quantity break applied: the break from {minQuantity} for a quantity of {quantity}.',
  },
  quantity_break_not_reached: {
    fr: 'Le palier suivant commence à {nextMinQuantity} (quantité commandée : {quantity}).',
    en: 'The next quantity break starts at {nextMinQuantity} (quantity ordered: {quantity}).',
  },
  customer_price_list_applied: {
    fr: 'Tarif du client « {priceListName} » appliqué : {unitPrice}.',
    en: 'The customer’s price list "{priceListName}" applied: {unitPrice}.',
  },
  price_list_applied: {
    fr: 'Tarif général « {priceListName} » appliqué : {unitPrice}.',
    en: 'General price list "{priceListName}" applied: {unitPrice}.',
  },
  price_lists_overlap: {
    fr: 'Plusieurs tarifs s’appliquent ; « {priceListName} » est retenu (priorité la plus haute, puis début de validité le plus récent) plutôt que : {ignored}.',
    en: 'Several price lists apply; "{priceListName}" is used (highest priority, then latest start date) rather than: {ignored}.',
  },
  catalog_price_applied: {
    fr: 'Aucun prix négocié ni tarif : prix catalogue appliqué ({unitPrice}).',
    en: 'No negotiated price or price list: catalog price applied ({unitPrice}).',
  },
  promotion_applied: {
    fr: 'Prix promotionnel « {priceListName} » appliqué : {unitPrice} (aucun autre prix dans cette devise).',
    en: 'Promotional price "{priceListName}" applied: {unitPrice} (no other price in this currency).',
  },
  promotion_lower: {
    fr: 'La promotion « {priceListName} » ({promotionPrice}) est plus basse que {basePrice} : elle est appliquée.',
    en: 'Promotion "{priceListName}" ({promotionPrice}) is lower than {basePrice}: it is applied.',
  },
  promotion_not_lower: {
    fr: 'La promotion « {priceListName} » ({promotionPrice}) n’est pas plus basse que {basePrice} : elle est ignorée.',
    en: 'Promotion "{priceListName}" ({promotionPrice}) is not lower than {basePrice}: it is ignored.',
  },
  promotion_ignored_negotiated_price: {
    fr: 'La promotion « {priceListName} » ne remplace pas un prix négocié (contrat ou prix client).',
    en: 'Promotion "{priceListName}" does not replace a negotiated price (contract or customer price).',
  },
  discount_applied: {
    fr: 'Remise de {percent} % appliquée : prix net {netUnitPrice}.',
    en: 'Discount of {percent}% applied: net price {netUnitPrice}.',
  },
  discounts_not_cumulative: {
    fr: '{count} remises s’appliquent ; elles ne se cumulent pas : la plus forte ({percent} %) est retenue.',
    en: '{count} discounts apply; they are not cumulative: the highest ({percent}%) is used.',
  },
  discount_ignored_negotiated_price: {
    fr: 'La remise de {percent} % ne s’applique pas à un prix négocié (contrat ou prix client).',
    en: 'The {percent}% discount does not apply to a negotiated price (contract or customer price).',
  },
  no_price_in_currency: {
    fr: 'Aucun prix en {currency} : aucun tarif dans cette devise, et le prix catalogue est en {companyCurrency}.',
    en: 'No price in {currency}: no price list in this currency, and the catalog price is in {companyCurrency}.',
  },

  // --- customer rule findings
  delivery_day_not_allowed: {
    fr: 'Pas de livraison possible le {date} : jours de livraison acceptés {weekdays}.',
    en: 'No delivery possible on {date}: accepted delivery days are {weekdays}.',
  },
  delivery_time_outside_window: {
    fr: 'L’heure de livraison {time} est en dehors des créneaux de réception du client ({windows}).',
    en: 'Delivery time {time} is outside the customer’s receiving windows ({windows}).',
  },
  delivery_in_closing_period: {
    fr: 'Le {date} tombe dans une période de fermeture du client (du {from} au {to}).',
    en: '{date} falls within a customer closing period (from {from} to {to}).',
  },
  below_min_order_amount: {
    fr: 'Le montant HT de la commande ({amount}) est inférieur au minimum de commande du client ({minimum}).',
    en: 'The order net amount ({amount}) is below the customer’s minimum order amount ({minimum}).',
  },
  below_min_order_quantity: {
    fr: 'La quantité commandée ({quantity}) est inférieure au minimum de commande du client ({minimum}).',
    en: 'The quantity ordered ({quantity}) is below the customer’s minimum order quantity ({minimum}).',
  },
  po_number_required: {
    fr: 'Ce client exige son numéro de commande (bon de commande) en référence.',
    en: 'This customer requires its purchase order number as the reference.',
  },
  customer_reference_format: {
    fr: 'La référence client « {reference} » n’a pas le format attendu (exemple : {example}).',
    en: 'Customer reference "{reference}" does not have the expected format (example: {example}).',
  },
  appointment_required: {
    fr: 'Livraison sur rendez-vous : le prendre au moins {hoursBefore} h à l’avance.',
    en: 'Delivery by appointment: book it at least {hoursBefore} hours in advance.',
  },
  packaging_requirements: {
    fr: 'Exigences d’emballage et d’étiquetage du client : {requirements}.',
    en: 'Customer packaging and labelling requirements: {requirements}.',
  },
  documents_required: {
    fr: 'Documents à joindre à la livraison ({copies} exemplaire(s)) : {documents}.',
    en: 'Documents to send with the delivery ({copies} cop(ies)): {documents}.',
  },
  customer_note: { fr: 'Note client : {text}', en: 'Customer note: {text}' },

  // --- document kinds (values of the `documents` param of documents_required)
  document_delivery_note: { fr: 'Bon de livraison', en: 'Delivery note' },
  document_packing_list: { fr: 'Liste de colisage', en: 'Packing list' },
  document_certificate_of_conformity: { fr: 'Certificat de conformité', en: 'Certificate of conformity' },
  document_invoice_copy: { fr: 'Copie de la facture', en: 'Invoice copy' },
  document_safety_data_sheet: { fr: 'Fiche de données de sécurité', en: 'Safety data sheet' },
  document_customs_documents: { fr: 'Documents douaniers', en: 'Customs documents' },
};
