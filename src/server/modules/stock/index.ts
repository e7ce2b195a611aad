export { createStockService, type StockService } from './stock.service';
export { stockRoutes } from './stock.routes';
