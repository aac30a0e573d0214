import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { App } from './App.tsx';
import { createClient, defaultTransport } from './api.ts';
import './styles.css';

const root = document.getElementById('root');
if (root === null) throw new Error('#root manquant');
createRoot(root).render(
  <StrictMode>
    <App api={createClient(defaultTransport())} />
  </StrictMode>,
);
