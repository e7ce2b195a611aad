import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { ctxOf, idempotencyOf } from '@server/platform/http/app';
import { idParam, isoDate, optionalText, problemResponses, requiredText } from '@shared/api/common';
import { taskInput, taskListQuery, taskSchema, teams } from '@shared/api/tasks';
import type { TaskService } from './tasks.service';

const errors = problemResponses;

/** Only the fields given change; `null` clears one (an assignee or a team must remain). */
const taskPatch = z.object({
  title: requiredText(300).optional(),
  description: optionalText(4000).optional(),
  assigneeId: z.string().uuid().nullish(),
  team: z.enum(teams).nullish(),
  dueDate: isoDate.nullish(),
});

export const taskRoutes =
  (svc: TaskService): FastifyPluginAsyncZod =>
  async (app) => {
    app.get(
      '/tasks',
      {
        config: { permission: 'tasks:read' },
        schema: {
          tags: ['tasks'],
          summary: 'Tasks by assignee (`me` or a user id), team, status or related document; by due date',
          querystring: taskListQuery,
          response: { 200: z.object({ data: z.array(taskSchema), nextCursor: z.string().nullable() }), ...errors },
        },
      },
      async (req) => svc.list(ctxOf(req), req.query),
    );
    app.post(
      '/tasks',
      {
        config: { permission: 'tasks:write' },
        schema: {
          tags: ['tasks'],
          summary: 'Create a task for a person or a team; accepts Idempotency-Key',
          body: taskInput,
          response: { 201: taskSchema, ...errors },
        },
      },
      async (req, reply) => {
        const r = await svc.create(ctxOf(req), req.body, idempotencyOf(req));
        return reply.status(r.status).send(r.body);
      },
    );
    app.get(
      '/tasks/:id',
      {
        config: { permission: 'tasks:read' },
        schema: { tags: ['tasks'], params: idParam, response: { 200: taskSchema, ...errors } },
      },
      async (req) => svc.get(ctxOf(req), req.params.id),
    );
    app.patch(
      '/tasks/:id',
      {
        config: { permission: 'tasks:write' },
        schema: {
          tags: ['tasks'],
          summary: 'Change an open task (title, description, assignee, team, due date)',
          params: idParam,
          body: taskPatch,
          response: { 200: taskSchema, ...errors },
        },
      },
      async (req) => svc.update(ctxOf(req), req.params.id, req.body),
    );
    app.post(
      '/tasks/:id/complete',
      {
        config: { permission: 'tasks:write' },
        schema: {
          tags: ['tasks'],
          summary: 'Mark an open task done',
          params: idParam,
          response: { 200: taskSchema, ...errors },
        },
      },
      async (req) => svc.complete(ctxOf(req), req.params.id),
    );
    app.post(
      '/tasks/:id/cancel',
      {
        config: { permission: 'tasks:write' },
        schema: {
          tags: ['tasks'],
          summary: 'Cancel an open task',
          params: idParam,
          response: { 200: taskSchema, ...errors },
        },
      },
      async (req) => svc.cancel(ctxOf(req), req.params.id),
    );
  };
