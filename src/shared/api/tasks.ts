import { z } from 'zod';
import { isoDate, optionalText, requiredText } from './common';

export const teams = ['adv', 'sales', 'logistics', 'purchasing', 'production', 'accounting', 'quality'] as const;

export const taskInput = z
  .object({
    title: requiredText(300),
    description: optionalText(4000),
    assigneeId: z.string().uuid().nullish(),
    team: z.enum(teams).nullish(),
    dueDate: isoDate.nullish(),
    related: z
      .object({ type: z.string().trim().min(1).max(40), id: z.string().uuid() })
      .nullish()
      .transform((r) => r ?? null),
  })
  .superRefine((v, ctx) => {
    if (!v.assigneeId && !v.team)
      ctx.addIssue({ code: 'custom', path: ['assigneeId'], params: { code: 'assignee_or_team' }, input: v });
  });
export type TaskInput = z.infer<typeof taskInput>;

export const taskSchema = z.object({
  id: z.string(),
  kind: z.string(),
  title: z.string(),
  description: z.string().nullable(),
  assigneeId: z.string().nullable(),
  assigneeName: z.string().nullable(),
  team: z.string().nullable(),
  dueDate: z.string().nullable(),
  related: z.object({ type: z.string(), id: z.string() }).nullable(),
  payload: z.unknown().nullable(),
  status: z.enum(['open', 'done', 'cancelled']),
  overdue: z.boolean(),
  createdAt: z.string(),
  completedAt: z.string().nullable(),
});
export type Task = z.infer<typeof taskSchema>;

export const taskListQuery = z.object({
  limit: z.coerce.number().int().min(1).max(500).default(50),
  cursor: z.string().max(500).optional(),
  /** `me` or a user id */
  assignee: z.string().max(60).optional(),
  team: z.enum(teams).optional(),
  status: z.enum(['open', 'done', 'cancelled']).optional(),
  relatedType: z.string().max(40).optional(),
  relatedId: z.string().uuid().optional(),
});
