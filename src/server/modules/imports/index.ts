export { createImportService, COMMIT_TOPIC, type ImportService } from './imports.service';
export { importRoutes } from './imports.routes';
