import type { ReactNode } from 'react';
import { z } from 'zod';
import type { StaleSetting } from '../../../shared/api/entities.ts';
import type { Settings } from '../../../shared/domain/settings.ts';
import { settingsSchema } from '../../../shared/api/inputs.ts';
import { formatDate } from '../../../shared/domain/dates.ts';
import { maxWeeklyMinutes } from '../../../shared/domain/contract.ts';
import { formatHours } from '../../../shared/domain/hours.ts';
import { Loading, ScreenHeader } from '../components/common.tsx';
import { FormError, TextField, useForm, type FormValues } from '../components/form.tsx';
import { useApiData } from '../useApiData.ts';
import { useMutation } from '../useSave.ts';
import { HolidaysTable, holidaysOf } from './HolidaysTable.tsx';
import { JournalList } from './JournalList.tsx';
import { SafetySection } from './SafetySection.tsx';

const frenchNumber = (value: number): string => String(value).replace('.', ',');

function SettingsForm({ settings, stale }: { settings: Settings; stale: readonly StaleSetting[] }): ReactNode {
  const mutate = useMutation();
  // The targets are set beside their chart on the dashboard: kept as they are here, and checked
  // with the rest so that the form validates exactly what it sends. The holiday table is held as
  // JSON among the form's strings (HolidaysTable) and sent as its periods.
  const withTargets = (values: unknown): unknown => ({
    ...(values as object), coverageTargets: settings.coverageTargets, schoolHolidays: holidaysOf({ values: values as FormValues }),
  });
  const form = useForm(z.preprocess(withTargets, settingsSchema), {
    schoolYearStart: formatDate(settings.schoolYearStart), schoolYearEnd: formatDate(settings.schoolYearEnd),
    annualReferenceHours: String(settings.annualReferenceHours), serviceWeeks: String(settings.serviceWeeks),
    expiringNoticeDays: String(settings.expiringNoticeDays), roadFactor: frenchNumber(settings.roadFactor),
    travelSpeedKmh: frenchNumber(settings.travelSpeedKmh), sameCommuneTravelMinutes: String(settings.sameCommuneTravelMinutes),
    sharedHoursPerPupil: frenchNumber(settings.sharedHoursPerPupil), ulisHoursPerUnit: frenchNumber(settings.ulisHoursPerUnit),
    recruitmentContractHours: frenchNumber(settings.recruitmentContractHours), importMaxMegabytes: String(settings.importMaxMegabytes),
    saisineStepDelayDays: String(settings.saisineStepDelayDays), saisineRetentionMonths: String(settings.saisineRetentionMonths),
    holidayZone: settings.holidayZone, schoolHolidays: JSON.stringify(settings.schoolHolidays),
  }, Object.fromEntries(stale.map((s) => [s.field, s.message])));
  const save = (): Promise<void> => form.submit(async (values) => {
    await mutate('settings.update', withTargets(values) as Settings, 'Paramètres enregistrés.');
  });
  return (
    <form onSubmit={(e) => { e.preventDefault(); void save(); }} noValidate className="settings-form">
      <FormError form={form} />
      <fieldset>
        <legend>Année scolaire</legend>
        <div className="field-row">
          <TextField form={form} name="schoolYearStart" label="Début" placeholder="jj/mm/aaaa" />
          <TextField form={form} name="schoolYearEnd" label="Fin" placeholder="jj/mm/aaaa" />
        </div>
      </fieldset>
      <HolidaysTable form={form} />
      <fieldset>
        <legend>Temps de travail des AESH</legend>
        <div className="field-row">
          <TextField form={form} name="annualReferenceHours" label="Heures annuelles d’un temps plein" hint="1 607 h, ou 1 593 h dans certaines académies" />
          <TextField form={form} name="serviceWeeks" label="Semaines de service" hint="41 (36 semaines de classe + 5)" />
        </div>
        <p className="field-hint">Avec ces valeurs, un temps plein correspond à {formatHours(maxWeeklyMinutes(settings))} d’accompagnement par semaine.</p>
      </fieldset>
      <fieldset>
        <legend>Alertes et trajets</legend>
        <TextField form={form} name="expiringNoticeDays" label="Prévenir de la fin d’une notification (jours avant)" />
        <div className="field-row">
          <TextField form={form} name="roadFactor" label="Coefficient route / vol d’oiseau" />
          <TextField form={form} name="travelSpeedKmh" label="Vitesse moyenne (km/h)" />
          <TextField form={form} name="sameCommuneTravelMinutes" label="Trajet dans une même commune (min)" />
        </div>
      </fieldset>
      <fieldset>
        <legend>Import</legend>
        <TextField form={form} name="importMaxMegabytes" label="Taille maximale d’un fichier à importer (Mo)" hint="50 Mo ; un fichier plus gros est refusé avant d’être lu" />
      </fieldset>
      <fieldset>
        <legend>Saisines des PAS</legend>
        <div className="field-row">
          <TextField form={form} name="saisineStepDelayDays" label="Délai avant qu’une étape soit en retard (jours)" hint="21 jours entre deux étapes du protocole" />
          <TextField form={form} name="saisineRetentionMonths" label="Conservation d’une saisine close (mois)" hint="24 mois, puis les noms, contacts, descriptions et notes sont effacés ; les chiffres restent" />
        </div>
      </fieldset>
      <fieldset>
        <legend>Répartition des moyens</legend>
        <p className="field-hint">Les aides mutualisées et les ULIS sont notifiées sans heures : la répartition estime leurs besoins ainsi.</p>
        <div className="field-row">
          <TextField form={form} name="sharedHoursPerPupil" label="Heures par élève en aide mutualisée" hint="3 h : un AESH-m partage 9 à 12 h entre 3 ou 4 élèves" />
          <TextField form={form} name="ulisHoursPerUnit" label="Heures par dispositif ULIS" hint="24 h : un AESH collectif sur la semaine de l’unité" />
          <TextField form={form} name="recruitmentContractHours" label="Contrat type d’un recrutement (h / semaine)" hint="24 h, soit une quotité de 62 %" />
        </div>
      </fieldset>
      <div className="form-actions"><button type="submit" className="primary" disabled={form.submitting}>Enregistrer</button></div>
    </form>
  );
}

export function SettingsScreen(): ReactNode {
  const settings = useApiData('settings.get', {});
  const info = useApiData('app.info', {});
  if (settings.data === undefined || info.data === undefined) return <Loading error={settings.error ?? info.error} />;
  return (
    <div className="page">
      <ScreenHeader title="Paramètres" />
      <SettingsForm key={JSON.stringify([settings.data, info.data.staleSettings])} settings={settings.data} stale={info.data.staleSettings} />
      <h2>Base de données</h2>
      <dl className="facts">
        <dt>Fichier</dt><dd><code>{info.data.databasePath}</code></dd>
        <dt>Version du schéma</dt><dd>{info.data.schemaVersion}</dd>
        <dt>Version de l’application</dt><dd>{info.data.appVersion}</dd>
      </dl>
      <p className="muted">La base contient des données personnelles de santé (décisions de la CDAPH) : ne la copiez pas hors du poste.</p>
      <SafetySection />
      <h2>Journal des modifications</h2>
      <JournalList limit={50} />
    </div>
  );
}
