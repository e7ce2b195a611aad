export {
  createReceivablesService,
  creditStatusOf,
  receivablesOf,
  type ReceivablesService,
} from './receivables.service';
export { receivablesRoutes } from './receivables.routes';
export { createDunning, type Dunning } from './receivables.dunning';
