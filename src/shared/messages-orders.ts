/**
 * Messages for the order pipeline's findings and the orders module's errors (`orders/domain/pipeline.ts`).
 * Spread into `messages.ts`. Placeholders are exactly the params the code is emitted with.
 */
export const orderMessages: Record<string, { fr: string; en: string }> = {
  product_inactive: {
    fr: 'L’article {sku} n’est plus commercialisé.',
    en: 'Product {sku} is no longer sold.',
  },
  no_price: {
    fr: 'Aucun prix pour {sku} dans la devise de la commande : saisissez-le.',
    en: 'No price for {sku} in the order currency: enter one.',
  },
  price_differs: {
    fr: 'Prix de {sku} différent des conditions du client : {given} (remise {givenDiscount} %) au lieu de {expected} (remise {expectedDiscount} %, {source}).',
    en: 'Price of {sku} differs from the customer’s conditions: {given} (discount {givenDiscount}%) instead of {expected} (discount {expectedDiscount}%, {source}).',
  },
  below_min_quantity: {
    fr: 'Quantité {quantity} de {sku} inférieure au minimum de commande ({min}).',
    en: 'Quantity {quantity} of {sku} is below the minimum order quantity ({min}).',
  },
  not_order_multiple: {
    fr: '{sku} se commande par multiple de {multiple} : {quantity} n’en est pas un (suggestion : {suggested}).',
    en: '{sku} is ordered in multiples of {multiple}: {quantity} is not one (suggestion: {suggested}).',
  },
  product_code_translated: {
    fr: 'Code client « {code} » traduit en {sku}.',
    en: 'Customer code "{code}" translated to {sku}.',
  },
  stock_short: {
    fr: 'Stock insuffisant pour {sku} : {available} disponible(s) sur {quantity} ; {shortage} en reliquat, expédition possible le {shipDate}.',
    en: 'Not enough stock for {sku}: {available} available of {quantity}; {shortage} backordered, can ship on {shipDate}.',
  },
  requested_date_in_past: {
    fr: 'La date de livraison demandée ({date}) est déjà passée.',
    en: 'The requested delivery date ({date}) is in the past.',
  },
  requested_date_too_early: {
    fr: '{sku} ne peut pas être livré le {requested} : au plus tôt le {promised}.',
    en: '{sku} cannot be delivered on {requested}: {promised} at the earliest.',
  },
  requested_date_company_closed: {
    fr: 'Le {date} n’est pas un jour ouvré chez nous ({reason}) : l’expédition se fera avant.',
    en: '{date} is not one of our working days ({reason}): shipping happens before.',
  },
  no_deliverable_date: {
    fr: 'Aucune date de livraison possible dans les 120 jours avec les contraintes du client.',
    en: 'No delivery date possible within 120 days with the customer’s constraints.',
  },
  credit_limit_exceeded: {
    fr: 'Encours autorisé dépassé : encours {exposure} + commande {order} > limite {limit} {currency} (dépassement {over}).',
    en: 'Credit limit exceeded: exposure {exposure} + order {order} > limit {limit} {currency} (over by {over}).',
  },
  overdue_invoices: {
    fr: '{count} facture(s) échue(s) impayée(s) pour {amount} {currency}, la plus ancienne depuis {days} jours.',
    en: '{count} overdue unpaid invoice(s) for {amount} {currency}, the oldest {days} days overdue.',
  },
  duplicate_customer_reference: {
    fr: 'La référence client {reference} figure déjà sur la commande {orders} : doublon possible.',
    en: 'Customer reference {reference} is already on order {orders}: possible duplicate.',
  },
  // errors
  order_blocked: {
    fr: 'La commande a des anomalies bloquantes : corrigez-les ou forcez la validation avec un motif.',
    en: 'The order has blocking findings: fix them or override with a reason.',
  },
  override_not_allowed: {
    fr: 'Vous n’êtes pas autorisé à forcer la validation d’une commande bloquée.',
    en: 'You are not allowed to override a blocked order.',
  },
  order_not_editable: {
    fr: 'Cette commande ne peut plus être modifiée dans son état actuel.',
    en: 'This order can no longer be changed in its current state.',
  },
  line_already_delivered: {
    fr: 'Cette ligne est déjà (partiellement) livrée : elle ne peut pas descendre sous la quantité livrée ni être supprimée.',
    en: 'This line is already (partly) delivered: it cannot go below the delivered quantity nor be removed.',
  },
  unknown_line: { fr: 'Ligne de commande inconnue.', en: 'Unknown order line.' },
  one_product_reference: {
    fr: 'Indiquez l’article par un seul moyen : productId, sku ou customerProductCode.',
    en: 'Name the product one way only: productId, sku or customerProductCode.',
  },
  quote_not_accepted: {
    fr: 'Seul un devis accepté peut devenir une commande.',
    en: 'Only an accepted quote can become an order.',
  },
  no_recipient: {
    fr: 'Aucune adresse e-mail d’acheteur pour ce client : indiquez un destinataire.',
    en: 'No buyer e-mail address for this customer: give a recipient.',
  },
  assignee_or_team: {
    fr: 'Indiquez une personne ou une équipe.',
    en: 'Give a person or a team.',
  },
  // order import (orders.import.ts)
  order_import_invalid: {
    fr: 'Le fichier de commandes contient {errors} erreur(s) : aucune commande n’a été créée.',
    en: 'The order file has {errors} error(s): no order was created.',
  },
  order_import_date: {
    fr: 'Date attendue au format AAAA-MM-JJ ou JJ/MM/AAAA.',
    en: 'Date expected as YYYY-MM-DD or DD/MM/YYYY.',
  },
  order_import_number: { fr: 'Nombre attendu (ex. 12,50).', en: 'A number is expected (e.g. 12.50).' },
  order_import_product: {
    fr: 'Indiquez l’article : notre référence ou le code article du client.',
    en: 'Name the product: our SKU or the customer’s product code.',
  },
  order_import_inconsistent: {
    fr: 'Valeur différente de celle de la ligne {row} pour la même commande.',
    en: 'Value differs from row {row} of the same order.',
  },
  // closing reasons
  closed_weekday: { fr: 'jour non travaillé', en: 'non-working day' },
  closed_holiday: { fr: 'jour férié', en: 'public holiday' },
  closed_closure: { fr: 'fermeture', en: 'closure' },
};
