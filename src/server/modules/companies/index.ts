export { companyOrderSettings, createCompanyService, findCompany, type CompanyService } from './companies.service';
export { companyRoutes } from './companies.routes';
