import { z } from 'zod';

export const roles = ['admin', 'adv_manager', 'adv_assistant', 'sales', 'logistics', 'accounting', 'viewer'] as const;
export type Role = (typeof roles)[number];

export const credentialsSchema = z.object({
  email: z.string().trim().min(1).max(254),
  password: z.string().min(1).max(200),
});

export const sessionUserSchema = z.object({
  id: z.string(),
  email: z.string(),
  name: z.string(),
  roles: z.array(z.string()),
  locale: z.string(),
});

export const sessionSchema = z.object({
  user: sessionUserSchema,
  companies: z.array(z.object({ id: z.string(), name: z.string(), roles: z.array(z.string()) })),
  companyId: z.string().nullable(),
  csrfToken: z.string(),
});

export const tokenResponseSchema = z.object({
  token: z.string(),
  user: z.object({ id: z.string(), email: z.string(), roles: z.array(z.string()) }),
  companyId: z.string().nullable(),
  expiresAt: z.string(),
});
