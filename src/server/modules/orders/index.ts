export { createOrderService, ACK_TOPIC, type OrderService, type ReceivablesPort } from './orders.service';
export { createAckHandler } from './orders.ack';
export { orderRoutes } from './orders.routes';
