import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { createQustoClient } from '@qusto/sdk';
import { QustoUiContext, type QustoUiContextValue } from '@qusto/sdk/ui';
import { App } from './App.tsx';
import { PluginHost } from './plugins/PluginHost.tsx';
import { createFederationSource } from './plugins/federation.ts';
import { SHELL_VERSION } from './version.ts';
import './styles.css';

const api = createQustoClient();
const ui: QustoUiContextValue = { api, shellVersion: SHELL_VERSION };
const pluginSource = createFederationSource({ api });

const container = document.getElementById('root');
if (!container) throw new Error('index.html has no #root element');

createRoot(container).render(
  <StrictMode>
    <QustoUiContext.Provider value={ui}>
      <PluginHost source={pluginSource}>
        <App />
      </PluginHost>
    </QustoUiContext.Provider>
  </StrictMode>,
);
