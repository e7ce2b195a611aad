export {
  companyInvoiceSettings,
  companyOrderSettings,
  createCompanyService,
  findCompany,
  setCompanyInvoiceSettings,
  type CompanyService,
} from './companies.service';
export { companyRoutes } from './companies.routes';
