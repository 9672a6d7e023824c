// Work one replica at a time (docs/DEPLOY.md): leases on named jobs and the migrations' lock.
export {
  DEFAULT_LEASE_MS,
  JobHeldError,
  JobLeaseLostError,
  type JobLeaseOptions,
  withJobLease,
} from './job-lease';
export { JOB_MIGRATIONS } from './migration';
export { migrateOneAtATime } from './migration-lock';
