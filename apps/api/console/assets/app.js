import { render } from '../vendor/preact.mjs';
import { html } from './html.js';
import { Header } from './header.js';
import { OperationPage } from './operation-page.js';
import { Overview } from './overview.js';
import { useHashRoute } from './use-hash-route.js';
import { VmPage } from './vm-page.js';

function App() {
  const route = useHashRoute();
  const page =
    // A key per id: going from one VM or operation to another starts the page afresh, no form value or data kept.
    route.name === 'vm' ? html`<${VmPage} key=${`vm-${route.id}`} vmId=${route.id} />` :
    route.name === 'operation' ? html`<${OperationPage} key=${`operation-${route.id}`} operationId=${route.id} />` :
    html`<${Overview} />`;
  return html`<${Header} /><main>${page}</main>`;
}

const root = document.getElementById('app');
root.textContent = '';
render(html`<${App} />`, root);
