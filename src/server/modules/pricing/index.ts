export { createPricingService, type PricingService, todayIso } from './pricing.service';
export { createContractService, createRenewalAlertHandler, type ContractService } from './contracts.service';
export { pricingRoutes } from './pricing.routes';
export { describePrice, type PriceResult } from './domain/pricing';
