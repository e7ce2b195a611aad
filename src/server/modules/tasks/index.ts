export {
  createTaskService,
  raiseTask,
  type RaiseTaskInput,
  type TaskListFilter,
  type TaskPatch,
  type TaskService,
  type TaskStatus,
} from './tasks.service';
export { taskRoutes } from './tasks.routes';
