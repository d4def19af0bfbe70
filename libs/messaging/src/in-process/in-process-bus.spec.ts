import { describeBusContract } from '../bus.contract';
import { InProcessBus } from './in-process-bus';

describeBusContract('InProcessBus', async (subjectPrefix) => new InProcessBus({ subjectPrefix }));
