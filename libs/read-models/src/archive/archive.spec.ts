import { PgliteDatabase } from '@switchboard/event-store';
import { describeArchive } from './archive.contract';

describeArchive('PGlite', async () => {
  const db = await PgliteDatabase.open();
  return { db, done: () => db.close() };
});
