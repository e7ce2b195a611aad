export { createCustomerService, type CustomerService } from './customers.service';
export { customerRoutes } from './customers.routes';
