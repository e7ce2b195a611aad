/** Response shapes of the Relais API v1 as the web UI uses them (see shared/API.md and src/shared/api). */

export interface Page<T> {
  data: T[];
  nextCursor: string | null;
  total?: number;
}

export interface SessionUser {
  id: string;
  email: string;
  name: string;
  roles: string[];
  locale: string;
}

export interface SessionCompany {
  id: string;
  name: string;
  roles: string[];
}

export interface Session {
  user: SessionUser;
  companies: SessionCompany[];
  companyId: string | null;
  csrfToken: string;
}

export interface Address {
  line1: string;
  line2?: string | null;
  postalCode: string;
  city: string;
  countryCode: string;
}

export type PaymentBasis = 'invoice_date' | 'end_of_month' | 'end_of_month_then_days';

export interface PaymentTerms {
  basis: PaymentBasis | string;
  days: number;
  dayOfMonth: number | null;
}

export interface ShipTo {
  id: string;
  code: string;
  name: string;
  isDefault: boolean;
  gln?: string | null;
  address: Address;
  deliveryWeekdays: number[] | null;
  constraints: string[];
}

export type ContactRole = 'buyer' | 'accounts_payable' | 'logistics' | 'sales' | 'other';

export interface Contact {
  id: string;
  name: string;
  role: ContactRole | string;
  email: string | null;
  phone: string | null;
}

export interface ProductCodeRule {
  type: 'own_sku' | 'prefix' | 'cross_reference' | 'gtin' | string;
  prefix?: string | null;
}

export interface Customer {
  id: string;
  code: string;
  name: string;
  siren: string | null;
  siret: string | null;
  vatNumber: string | null;
  countryCode: string;
  currency: string;
  language: string;
  gln: string | null;
  paymentTerms: PaymentTerms;
  creditLimit: string | null;
  requiresPoNumber: boolean;
  billingAddress: Address;
  shipTos: ShipTo[];
  contacts: Contact[];
  productCodeRule: ProductCodeRule;
  accountManagerId: string | null;
  backupManagerId: string | null;
  version?: number;
  createdAt: string;
  updatedAt: string;
}

export interface Product {
  id: string;
  sku: string;
  name: string;
  nameEn: string | null;
  category: string | null;
  unit: string;
  unitPrice: string;
  vatCategory: string;
  vatRate: string;
  gtin: string | null;
  packSize: string | null;
  packName: string | null;
  packGtin: string | null;
  stockTracked: boolean;
  active: boolean;
  weightKg: string | null;
  leadTimeDays: number | null;
  minOrderQuantity: string | null;
  orderMultiple: string | null;
  hsCode?: string | null;
  originCountry?: string | null;
  version?: number;
  createdAt: string;
  updatedAt: string;
}

export interface Company {
  id: string;
  name: string;
  legalForm: string;
  shareCapital: string | null;
  siren: string;
  rcsCity: string | null;
  vatNumber: string | null;
  address: Address;
  iban: string | null;
  bic: string | null;
  currency: string;
  email: string | null;
  phone: string | null;
  createdAt?: string;
  updatedAt?: string;
}

export interface User {
  id: string;
  email: string;
  name: string;
  roles: string[];
  absent: boolean;
}

export interface AuditChange {
  from: unknown;
  to: unknown;
}

export interface AuditEntry {
  id: string;
  at: string;
  /** The record's type: the audited one, or a sub-record of it (e.g. `customer_ship_to`). */
  entityType?: string;
  entityId?: string;
  action: 'create' | 'update' | 'delete' | string;
  actorId: string | null;
  actorName: string | null;
  changes: Record<string, AuditChange> | null;
  snapshot?: Record<string, unknown> | null;
}

export type MailStatus = 'pending' | 'sent' | 'kept' | 'failed';

export interface MailSummary {
  id: string;
  to: string | string[];
  subject: string;
  status: MailStatus | string;
  createdAt: string;
  sentAt: string | null;
  error?: string | null;
}

export interface MailAttachment {
  filename: string;
  contentType: string;
  size: number;
}

export interface MailDetail extends MailSummary {
  cc?: string[];
  text: string | null;
  html: string | null;
  attachments?: MailAttachment[];
}
