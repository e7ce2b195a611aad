export {
  createDeliveryService,
  SHIPPING_NOTICE_TOPIC,
  type CreditHoldPort,
  type DeliveryService,
} from './deliveries.service';
export { createShippingNoticeHandler } from './deliveries.documents';
export { deliveryRoutes } from './deliveries.routes';
export { openDeliveriesOf } from './deliveries.read';
export {
  deliveriesDue,
  deliveriesForInvoicing,
  INVOICEABLE_DELIVERY_STATUSES,
  parisDay,
  recordDeliveryInvoiced,
  recordReturnCredited,
  returnForCredit,
  shippedOn,
  type InvoiceableDelivery,
  type ReturnForCredit,
} from './deliveries.invoicing';
