export { createAccount, ROLE_LABELS, resetPassword, resolveUnit, setDisabled, temporaryPassword } from './_accounts.js';
export { type BarChart, stackedBars } from './_charts.js';
export {
  answerable,
  type BoardView,
  type GroupCounts,
  Judging,
  type PublicTask,
  publicTasks,
  type ReportingRow,
} from './_judged.js';
export type { IssuedFile, IssueRequest, IssueResult, IssueService, WebOptions } from './_options.js';
export { hashPassword, verifyPassword } from './_password.js';
export { type Period, parsePeriod, periodsOf } from './_periods.js';
export { exportPublicSite } from './_public.js';
export { createWebServer, DEFAULT_MAX_UPLOAD, type WebServer } from './_server.js';
