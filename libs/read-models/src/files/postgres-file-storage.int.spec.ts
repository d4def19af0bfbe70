import { describeWithPostgres } from '@switchboard/testing';
import { openTestPostgres } from '../databases.contract';
import { describeFileStorage } from './file-storage.contract';

describeWithPostgres('files', () => {
  describeFileStorage('PostgreSQL 15', openTestPostgres);
});
