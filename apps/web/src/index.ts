export { createWebServer, DEFAULT_MAX_UPLOAD, type WebServer } from './_server.js';
export type { WebOptions, IssueService, IssueRequest, IssueResult, IssuedFile } from './_options.js';
export { hashPassword, verifyPassword } from './_password.js';
export { createAccount, resetPassword, setDisabled, resolveUnit, temporaryPassword, ROLE_LABELS } from './_accounts.js';
export { exportPublicSite } from './_public.js';
export { Judging, publicTasks, answerable, type BoardView, type GroupCounts, type PublicTask, type ReportingRow } from './_judged.js';
export { stackedBars, type BarChart } from './_charts.js';
export { parsePeriod, periodsOf, type Period } from './_periods.js';
