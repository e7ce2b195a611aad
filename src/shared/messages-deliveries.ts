/**
 * Messages for deliveries: planning findings (`deliveries/domain/planning.ts`) and the deliveries module's errors.
 * Spread into `messages.ts`. Placeholders are exactly the params the code is emitted with.
 */
export const deliveryMessages: Record<string, { fr: string; en: string }> = {
  // ── planning findings (domain/planning.ts) ──
  carrier_non_working_day: {
    fr: 'Le transporteur {carrier} ne travaille pas le {date} : ni enlèvement ni livraison ce jour-là.',
    en: 'Carrier {carrier} does not work on {date}: no pick-up or delivery that day.',
  },
  ship_date_not_working: {
    fr: 'Les marchandises devraient partir le {shipDate}, qui n’est pas un jour ouvré chez nous ({reason}).',
    en: 'The goods would have to leave on {shipDate}, which is not one of our working days ({reason}).',
  },
  ship_date_in_past: {
    fr: 'Trop tard pour cette date : les marchandises auraient dû partir le {shipDate} (nous sommes le {today}).',
    en: 'Too late for this date: the goods would have had to leave on {shipDate} (today is {today}).',
  },
  carrier_cutoff_passed: {
    fr: 'L’heure limite d’enlèvement du transporteur {carrier} ({cutoff}) est passée : les marchandises ne partiront plus aujourd’hui.',
    en: 'The pick-up cut-off of carrier {carrier} ({cutoff}) has passed: the goods can no longer leave today.',
  },
  // ── service errors (deliveries.service.ts) ──
  delivery_date_not_allowed: {
    fr: 'Livraison impossible le {date} ; prochaine date possible : {nextValidDate}.',
    en: 'Delivery is not possible on {date}; next possible date: {nextValidDate}.',
  },
  no_valid_date: {
    fr: 'Aucune date de livraison possible dans les 90 prochains jours (règles du client, transporteur, calendrier).',
    en: 'No possible delivery date in the next 90 days (customer rules, carrier, calendar).',
  },
  nothing_to_deliver: {
    fr: 'Rien à livrer : aucune ligne ouverte n’a de stock disponible. Indiquez les lignes et quantités pour planifier à l’avance.',
    en: 'Nothing to deliver: no open line has stock available. Give the lines and quantities to plan ahead.',
  },
  order_not_deliverable: {
    fr: 'La commande {number} ne peut pas être livrée dans son état actuel ({status}) : elle doit être confirmée.',
    en: 'Order {number} cannot be delivered in its current status ({status}): it must be confirmed.',
  },
  order_on_hold: {
    fr: 'La commande {number} est bloquée ({reason}) : l’expédition attend sa libération.',
    en: 'Order {number} is on hold ({reason}): shipping waits until it is released.',
  },
  orders_differ: {
    fr: 'Une livraison regroupe des commandes d’un même client et d’une même adresse de livraison.',
    en: 'One delivery groups orders of one customer and one ship-to address.',
  },
  open_deliveries: {
    fr: 'Des livraisons de cette commande sont encore planifiées ou préparées ({numbers}) : annulez-les d’abord.',
    en: 'Deliveries of this order are still planned or picked ({numbers}): cancel them first.',
  },
  unknown_order: { fr: 'Commande inconnue.', en: 'Unknown order.' },
  unknown_order_line: {
    fr: 'Cette ligne n’appartient à aucune des commandes livrées.',
    en: 'This line belongs to none of the orders delivered.',
  },
  unknown_delivery_line: { fr: 'Ligne de livraison inconnue.', en: 'Unknown delivery line.' },
  unknown_carrier: { fr: 'Transporteur inconnu.', en: 'Unknown carrier.' },
  exceeds_open_quantity: {
    fr: 'Quantité supérieure au reste à livrer de {sku} ({open}).',
    en: 'Quantity exceeds what is left to deliver of {sku} ({open}).',
  },
  picked_exceeds_planned: {
    fr: 'Quantité préparée supérieure à la quantité prévue ({planned}).',
    en: 'Picked quantity exceeds the planned quantity ({planned}).',
  },
  nothing_picked: {
    fr: 'Aucune quantité préparée : annulez la livraison plutôt.',
    en: 'Nothing picked: cancel the delivery instead.',
  },
  insufficient_stock: {
    fr: 'Stock insuffisant pour expédier {sku} : le stock libre ne couvre pas la quantité ({quantity}).',
    en: 'Not enough stock to ship {sku}: the free stock does not cover the quantity ({quantity}).',
  },
  delivery_stock_short: {
    fr: 'Stock non encore disponible pour {sku} : il manque {missing} sur {quantity} (la livraison attend le réapprovisionnement).',
    en: 'Stock not available yet for {sku}: {missing} of {quantity} missing (the delivery waits for replenishment).',
  },
  before_ship_date: {
    fr: 'La date de livraison ne peut précéder l’expédition ({shipDate}).',
    en: 'The delivery date cannot be before shipping ({shipDate}).',
  },
  date_in_future: { fr: 'Date dans le futur.', en: 'Date in the future.' },
  reservation_quantity_required: {
    fr: 'Une réserve doit être précise : indiquez la quantité endommagée ou manquante (« sous réserve » seul est sans effet).',
    en: 'A reservation must be precise: give the damaged or missing quantity ("subject to inspection" alone has no effect).',
  },
  exceeds_shipped: {
    fr: 'Plus que la quantité expédiée ({shipped}).',
    en: 'More than the quantity shipped ({shipped}).',
  },
  exceeds_returnable: {
    fr: 'Plus que la quantité pouvant être retournée ({returnable}).',
    en: 'More than the quantity that can be returned ({returnable}).',
  },
  sscc_exhausted: {
    fr: 'Plus aucun numéro SSCC disponible pour ce préfixe GS1 : changez le chiffre d’extension.',
    en: 'No SSCC serial left for this GS1 prefix: change the extension digit.',
  },
  no_parcels: {
    fr: 'Aucun colis : confirmez la préparation pour créer les colis et leurs SSCC.',
    en: 'No parcels: confirm the picking to create the parcels and their SSCCs.',
  },
  invalid_eori: {
    fr: 'Numéro EORI invalide (FR + SIRET de 14 chiffres).',
    en: 'Invalid EORI number (FR + 14-digit SIRET).',
  },
  invalid_gs1_prefix: {
    fr: 'Préfixe entreprise GS1 invalide (7 à 10 chiffres).',
    en: 'Invalid GS1 company prefix (7 to 10 digits).',
  },
};
