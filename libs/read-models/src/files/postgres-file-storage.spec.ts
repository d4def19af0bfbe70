import { PgliteDatabase } from '@switchboard/event-store';
import { describeFileStorage } from './file-storage.contract';

describeFileStorage('PGlite', async () => {
  const db = await PgliteDatabase.open();
  return { db, done: () => db.close() };
});
