// vitest globalSetup: one throwaway PostgreSQL cluster per `npm test`, so the store
// suite runs against both engines. No PostgreSQL installed → the run fails and says
// how to install it; it never silently skips the PostgreSQL half.
import { type PgCluster, startCluster } from './pg-cluster.js';

let cluster: PgCluster | undefined;

export async function setup(): Promise<void> {
  cluster = await startCluster();
  process.env.DUBAN_TEST_PG_URL = cluster.url;
}

export async function teardown(): Promise<void> {
  cluster?.stop();
}
