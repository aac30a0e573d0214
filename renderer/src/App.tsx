import { useEffect, useState, type ReactNode } from 'react';
import { useShallow } from 'zustand/react/shallow';
import type { ApiCall, RecordState } from '../../shared/api/contract.ts';
import { assertNever } from '../../shared/domain/never.ts';
import { ApiContext, useApi } from './api.ts';
import { useHistorySync } from './lists/navigation.ts';
import { useApiData } from './useApiData.ts';
import { ActivityScreen } from './activity/ActivityScreen.tsx';
import { AeshScreen } from './screens/AeshScreen.tsx';
import { AlertsScreen } from './screens/AlertsScreen.tsx';
import { DashboardScreen } from './screens/DashboardScreen.tsx';
import { ExchangeScreen } from './screens/ExchangeScreen.tsx';
import { PolesScreen } from './screens/PolesScreen.tsx';
import { PupilsScreen } from './screens/PupilsScreen.tsx';
import { RecordGate } from './screens/RecordGate.tsx';
import { RepartitionScreen } from './screens/RepartitionScreen.tsx';
import { SaisinesScreen } from './screens/SaisinesScreen.tsx';
import { PlainRecordBanner } from './screens/SafetySection.tsx';
import { SchoolsScreen } from './screens/SchoolsScreen.tsx';
import { SettingsScreen } from './screens/SettingsScreen.tsx';
import { TimetablesScreen } from './screens/TimetablesScreen.tsx';
import { Welcome } from './screens/Welcome.tsx';
import { SCREENS, useUi, type Screen } from './store.ts';
import { PrintView } from './timetable/PrintView.tsx';

function CurrentScreen({ screen }: { screen: Screen }): ReactNode {
  switch (screen) {
    case 'dashboard': return <DashboardScreen />;
    case 'repartition': return <RepartitionScreen />;
    case 'pupils': return <PupilsScreen />;
    case 'aesh': return <AeshScreen />;
    case 'schools': return <SchoolsScreen />;
    case 'poles': return <PolesScreen />;
    case 'timetables': return <TimetablesScreen />;
    case 'alerts': return <AlertsScreen />;
    case 'saisines': return <SaisinesScreen />;
    case 'activity': return <ActivityScreen />;
    case 'exchange': return <ExchangeScreen />;
    case 'settings': return <SettingsScreen />;
    default: return assertNever(screen, 'écran');
  }
}

function Toasts(): ReactNode {
  const { toasts, dismiss } = useUi();
  return (
    <div className="toasts" aria-live="polite">
      {toasts.map((t) => (
        <div key={t.id} className={`toast toast-${t.tone}`} role="status">
          {t.text}
          <button type="button" className="icon" aria-label="Fermer" onClick={() => dismiss(t.id)}>×</button>
        </div>
      ))}
    </div>
  );
}

function Shell(): ReactNode {
  const api = useApi();
  // Not the whole store: a list writes its scroll position to it at every scrolled frame.
  const { screen, go, printing, today, startDay } = useUi(useShallow((s) => ({ screen: s.screen, go: s.go, printing: s.printing, today: s.today, startDay: s.startDay })));
  const [record, setRecord] = useState<RecordState | null>(null);
  const [firstLaunch, setFirstLaunch] = useState<boolean | null>(null);
  useHistorySync();
  // The PAS's register is no use to a record without a PAS: its entry shows once one exists.
  const poles = useApiData('poles.list', {}, record?.status === 'open');
  const hasPas = poles.data?.some((p) => p.kind === 'PAS') ?? false;
  useEffect(() => {
    void api('record.state', {}).then(setRecord);
  }, [api]);
  const open = record?.status === 'open';
  useEffect(() => {
    if (!open) return;
    void api('app.info', {}).then((info) => setFirstLaunch(info.counts.poles + info.counts.schools + info.counts.pupils + info.counts.aesh === 0));
    // Before any screen computes for "today": the services' day, not the machine's.
    void api('clock.today', {}).then(startDay);
  }, [api, open, startDay]);
  if (record === null) return <p className="muted">Ouverture de la base…</p>;
  if (!open) return <RecordGate state={record} onChange={setRecord} />;
  if (firstLaunch === null || today === '') return <p className="muted">Ouverture de la base…</p>;
  if (firstLaunch) return <Welcome onDone={() => setFirstLaunch(false)} />;
  if (printing !== null) return <PrintView request={printing} />;
  return (
    <div className="shell">
      <nav className="nav" aria-label="Navigation principale">
        <div className="brand">Planif <strong>AESH</strong></div>
        <ul>
          {SCREENS.filter((s) => s.id !== 'saisines' || hasPas).map((s) => (
            <li key={s.id}>
              <button type="button" aria-current={screen === s.id ? 'page' : undefined} onClick={() => go(s.id)}>{s.label}</button>
            </li>
          ))}
        </ul>
      </nav>
      <main className="main"><PlainRecordBanner /><CurrentScreen screen={screen} /></main>
      <Toasts />
    </div>
  );
}

export function App({ api }: { api: ApiCall }): ReactNode {
  return (
    <ApiContext.Provider value={api}>
      <Shell />
    </ApiContext.Provider>
  );
}
