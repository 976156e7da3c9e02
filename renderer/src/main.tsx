import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { App } from './App';
import { BridgeProvider } from './bridge/bridge-context';
import { getWindowBridge } from './bridge/window-bridge';
import { MissingBridge } from './ui/MissingBridge';
import './styles.css';

// Entry point: the only place that reads window.conscent (via getWindowBridge). Everything
// below gets the bridge from BridgeProvider.

const container = document.getElementById('root');
if (!container) throw new Error('index.html has no #root element.');

const bridge = getWindowBridge();
createRoot(container).render(
  <StrictMode>
    {bridge ? (
      <BridgeProvider bridge={bridge}>
        <App />
      </BridgeProvider>
    ) : (
      <MissingBridge />
    )}
  </StrictMode>,
);
