import { createPostgresDatabase } from '@hub/connector-sql/testing';
import { concurrentDecisionsScenario } from './concurrent-decisions';

describe('concurrent inventory decisions on PostgreSQL', () => {
  concurrentDecisionsScenario(async () => {
    const database = await createPostgresDatabase();
    return { config: { kind: 'postgresql', url: database.url }, drop: database.drop };
  });
});
