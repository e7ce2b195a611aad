export {
  createOrderService,
  ACK_TOPIC,
  type OpenDeliveriesPort,
  type OrderService,
  type ReceivablesPort,
} from './orders.service';
export { createAckHandler } from './orders.ack';
export { orderRoutes } from './orders.routes';
export {
  addWorkingDays,
  frenchPublicHolidays,
  isWorkingDay,
  nextWorkingDay,
  nonWorkingReason,
  orderSettingsOf,
  DEFAULT_ORDER_SETTINGS,
  type OrderSettings,
} from './domain/calendar';
export { COMMITTED_STATUSES, deliveryStatus, canTransition as canOrderTransition } from './domain/order-state';
export {
  DELIVERABLE_STATUSES,
  addLineReservation,
  cancelLineQuantity,
  orderLinesByIds,
  ordersForFulfilment,
  recordDelivered,
  recordInvoiced,
  remainingOf,
  type FulfilmentLine,
  type FulfilmentOrder,
} from './orders.fulfilment';
