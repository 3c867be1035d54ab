import { ApiClient, ApiUnreachableError, DemoRequestError } from './api-client';
import { DemoScenario, OperationView } from './demo-scenario';
import { DemoHelpRequested, DemoSettingsError, loadDemoSettings } from './demo-settings';
import { operationsTable } from './operations-table';

const log = (line: string) => process.stdout.write(`${line}\n`);

async function main(): Promise<void> {
  const { baseUrl, apiKey } = loadDemoSettings();
  log(`FSR demo against ${baseUrl}`);
  const demo = new DemoScenario(new ApiClient(baseUrl, apiKey), log);
  const hosts = await demo.connectedHosts();
  if (hosts.length === 0) throw new DemoSettingsError('no connected host agent: start the cluster first (npm run cluster -- --hosts 3)');
  log(`connected hosts: ${hosts.map((host) => host.id).join(', ')}`);
  const [home, elsewhere] = [await demo.createDatastore('a'), await demo.createDatastore('b')];
  const vms = await demo.startVms(hosts, home);
  log('hot-adding: distributed, then legacy, on every VM at once...');
  const operations: OperationView[] = await demo.hotAdds(vms);
  log('Storage vMotion of the medium VM...');
  const relocation = await demo.storageVMotion(vms[1], elsewhere);
  if (relocation) operations.push(relocation);
  log('');
  log(operationsTable(operations, vms));
  log('');
  log(`History of a VM: GET ${baseUrl}/api/v1/vms/${vms[0].id}/history; live view: ${baseUrl}/console`);
}

main().catch((error: Error) => {
  if (error instanceof DemoHelpRequested) {
    process.stdout.write(`${error.message}\n`);
    process.exit(0);
  }
  const expected = error instanceof DemoSettingsError || error instanceof ApiUnreachableError || error instanceof DemoRequestError;
  process.stderr.write(`demo: ${expected ? error.message : (error.stack ?? error.message)}\n`);
  process.exit(1);
});
