import { describeWithPostgres } from '@switchboard/testing';
import { openTestPostgres } from './databases.contract';
import { describeRobustQueries } from './queries.contract';

describeWithPostgres('read-model queries', () => {
  describeRobustQueries('PostgreSQL 15', openTestPostgres);
});
