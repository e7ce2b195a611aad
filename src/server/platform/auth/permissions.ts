import type { Role } from '@shared/api/auth';

/** What each role may do. Checked on the server for every route (route config `permission`). */
export type Permission =
  | 'company:read'
  | 'company:write'
  | 'company:create'
  | 'users:read'
  | 'users:write'
  | 'customers:read'
  | 'customers:write'
  | 'products:read'
  | 'products:write'
  | 'stock:write'
  | 'orders:read'
  | 'orders:write'
  | 'orders:override'
  | 'tasks:read'
  | 'tasks:write'
  | 'deliveries:read'
  | 'deliveries:write'
  | 'invoices:read'
  | 'invoices:write'
  | 'audit:read'
  | 'mails:read';

const READ: Permission[] = [
  'company:read',
  'users:read',
  'customers:read',
  'products:read',
  'audit:read',
  'orders:read',
  'tasks:read',
  'deliveries:read',
  'invoices:read',
];

export const rolePermissions: Record<Role, readonly Permission[]> = {
  admin: [
    ...READ,
    'company:write',
    'company:create',
    'users:write',
    'customers:write',
    'products:write',
    'stock:write',
    'mails:read',
    'orders:write',
    'orders:override',
    'tasks:write',
    'deliveries:write',
    'invoices:write',
  ],
  adv_manager: [
    ...READ,
    'customers:write',
    'products:write',
    'stock:write',
    'mails:read',
    'orders:write',
    'orders:override',
    'tasks:write',
    'deliveries:write',
    'invoices:write',
  ],
  adv_assistant: [
    ...READ,
    'customers:write',
    'products:write',
    'stock:write',
    'mails:read',
    'orders:write',
    'tasks:write',
    'deliveries:write',
    'invoices:write',
  ],
  sales: [...READ, 'customers:write', 'orders:write', 'tasks:write'],
  logistics: [...READ, 'stock:write', 'tasks:write', 'deliveries:write'],
  accounting: [...READ, 'customers:write', 'mails:read', 'tasks:write', 'invoices:write'],
  viewer: [...READ],
};

export function can(roles: readonly Role[], permission: Permission): boolean {
  return roles.some((r) => rolePermissions[r]?.includes(permission));
}
