export { createReceivablesService, receivablesOf, type ReceivablesService } from './receivables.service';
export { receivablesRoutes } from './receivables.routes';
