import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { createQustoClient } from '@qusto/sdk';
import { QustoUiContext, type QustoUiContextValue } from '@qusto/sdk/ui';
import { App } from './App.tsx';
import { StatsClient } from './dashboard/api/stats-client.ts';
import { StatsClientContext } from './dashboard/api/use-request.ts';
import { PluginHost } from './plugins/PluginHost.tsx';
import { createFederationSource } from './plugins/federation.ts';
import { earlyFetch } from './early-requests.ts';
import { SHELL_VERSION } from './version.ts';
import './styles.css';

// Requests preload.ts started for this page are taken over rather than sent again.
const api = createQustoClient({ fetch: earlyFetch });
const ui: QustoUiContextValue = { api, shellVersion: SHELL_VERSION };
const pluginSource = createFederationSource({ api });
/** The dashboard's stats requests: de-duplicated, cancellable, briefly cached. */
const stats = new StatsClient({ fetch: earlyFetch });

const container = document.getElementById('root');
if (!container) throw new Error('index.html has no #root element');

createRoot(container).render(
  <StrictMode>
    <QustoUiContext.Provider value={ui}>
      <StatsClientContext.Provider value={stats}>
        <PluginHost source={pluginSource}>
          <App />
        </PluginHost>
      </StatsClientContext.Provider>
    </QustoUiContext.Provider>
  </StrictMode>,
);
