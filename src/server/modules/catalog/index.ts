export { createCatalogService, type CatalogService } from './catalog.service';
export { catalogRoutes } from './catalog.routes';
