export { createCatalogService, type CatalogService } from './catalog.service';
export { catalogRoutes } from './catalog.routes';
export {
  findProductsByRefs,
  findIdBySku,
  findIdByGtin,
  findById as findProduct,
  pick as pickProduct,
  type ProductLite,
  type ProductRef,
} from './catalog.repo';
