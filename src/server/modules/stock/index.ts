export { createStockService, type StockService, type Availability } from './stock.service';
export { stockRoutes } from './stock.routes';
