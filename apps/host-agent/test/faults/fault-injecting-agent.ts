import { startHostAgentProcess } from '../../src/host-agent-process';
import { faultInjection } from './fault-injection';

// The host agent that integration and e2e tests (and the takeover benchmark) run: the real one, faults injectable.
startHostAgentProcess(faultInjection);
