import { openTestPglite } from '../databases.contract';
import { describeArchive } from './archive.contract';

describeArchive('PGlite', openTestPglite);
