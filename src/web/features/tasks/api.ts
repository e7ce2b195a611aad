import { keepPreviousData, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { teams, type Task } from '@shared/api/tasks';
import { api } from '@web/client/api';
import type { Page } from '@web/client/types';

export type { Task };
export type TaskStatus = Task['status'];
export type Team = (typeof teams)[number];
export type TaskScope = 'mine' | 'team' | 'all';

export const TEAMS: readonly Team[] = teams;
export const TASK_STATUSES: TaskStatus[] = ['open', 'done', 'cancelled'];

/** The team a person works in, from their roles (ADV, sales, logistics, accounting); ADV otherwise. */
export function teamOfRoles(roles: readonly string[]): Team {
  if (roles.some((r) => r === 'adv_manager' || r === 'adv_assistant')) return 'adv';
  if (roles.includes('sales')) return 'sales';
  if (roles.includes('logistics')) return 'logistics';
  if (roles.includes('accounting')) return 'accounting';
  return 'adv';
}

/** Where a task's related document lives in the interface; null when it has no page. */
export function relatedPath(related: Task['related']): string | null {
  if (!related) return null;
  const base = { order: '/orders', customer: '/customers', quote: '/quotes' }[related.type];
  return base ? `${base}/${encodeURIComponent(related.id)}` : null;
}

export interface TaskListParams {
  assignee?: string;
  team?: string;
  status?: string;
  relatedType?: string;
  relatedId?: string;
  cursor?: string | null;
  limit?: number;
}

export const taskKeys = {
  all: ['tasks'] as const,
  list: (p: TaskListParams) => ['tasks', 'list', p] as const,
  detail: (id: string) => ['tasks', 'detail', id] as const,
};

export function useTasks(p: TaskListParams) {
  return useQuery({
    queryKey: taskKeys.list(p),
    queryFn: ({ signal }) =>
      api<Page<Task>>('/tasks', {
        query: {
          limit: p.limit ?? 50,
          cursor: p.cursor,
          assignee: p.assignee,
          team: p.team,
          status: p.status,
          relatedType: p.relatedType,
          relatedId: p.relatedId,
        },
        signal,
      }),
    placeholderData: keepPreviousData,
  });
}

function useTaskCacheUpdate() {
  const qc = useQueryClient();
  return (task: Task) => {
    qc.setQueryData(taskKeys.detail(task.id), task);
    void qc.invalidateQueries({ queryKey: ['tasks', 'list'] });
    void qc.invalidateQueries({ queryKey: ['audit', 'task', task.id] });
  };
}

export interface TaskBody {
  title: string;
  description?: string | null;
  assigneeId?: string | null;
  team?: string | null;
  dueDate?: string | null;
  related?: { type: string; id: string } | null;
}

export function useCreateTask() {
  const update = useTaskCacheUpdate();
  return useMutation({
    mutationFn: ({ body, idempotencyKey }: { body: TaskBody; idempotencyKey: string }) =>
      api<Task>('/tasks', { method: 'POST', body, idempotencyKey }),
    onSuccess: update,
  });
}

export function useUpdateTask(id: string) {
  const update = useTaskCacheUpdate();
  return useMutation({
    mutationFn: (body: Partial<Omit<TaskBody, 'related'>>) =>
      api<Task>(`/tasks/${encodeURIComponent(id)}`, { method: 'PATCH', body }),
    onSuccess: update,
  });
}

/** Complete or cancel an open task. */
export function useTaskCommand() {
  const update = useTaskCacheUpdate();
  const qc = useQueryClient();
  return useMutation({
    mutationFn: ({ id, command }: { id: string; command: 'complete' | 'cancel' }) =>
      api<Task>(`/tasks/${encodeURIComponent(id)}/${command}`, { method: 'POST', body: {} }),
    onSuccess: update,
    // Refused (409: someone else closed it meanwhile): show the current state.
    onError: () => void qc.invalidateQueries({ queryKey: ['tasks', 'list'] }),
  });
}
