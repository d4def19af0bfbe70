import { describeWithPostgres } from '@switchboard/testing';
import { openTestPostgres } from '../databases.contract';
import { describeArchive } from './archive.contract';

describeWithPostgres('archive read model', () => {
  describeArchive('PostgreSQL 15', openTestPostgres);
});
