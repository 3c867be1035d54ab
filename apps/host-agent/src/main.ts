import { startHostAgentProcess } from './host-agent-process';

startHostAgentProcess();
