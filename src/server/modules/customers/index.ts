export { createCustomerService, type CustomerService } from './customers.service';
export { customerRoutes } from './customers.routes';
export { findById as findCustomer } from './customers.repo';
export { createCustomerRuleService, findingDto, loadRules, type CustomerRuleService } from './customers.rules';
export { customerRuleRoutes } from './customers.rules.routes';
export { customerNames, customerLabels, portfolioCustomerIds } from './customers.repo';
export {
  evaluateRules,
  isDeliveryDateAllowed,
  type CustomerRule,
  type RuleContext,
  type RuleFinding,
} from './domain/rules';
