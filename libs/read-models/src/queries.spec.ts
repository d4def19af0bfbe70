import { PgliteDatabase } from '@switchboard/event-store';
import { describeRobustQueries } from './queries.contract';

describeRobustQueries('PGlite', async () => {
  const db = await PgliteDatabase.open();
  return { db, done: () => db.close() };
});
