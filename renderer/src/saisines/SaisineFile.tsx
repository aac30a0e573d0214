// A saisine's file: who and what (identity), the seven steps of the protocol as a dated timeline,
// the action plan, the pilots' decision, the bilan and the closure; and, for the person concerned,
// the export and the erasure of their data. Each section is its own form, saved on its own, each
// carrying the version of the saisine (or of the step, the action) it loaded.
import { useState, type ReactNode } from 'react';
import { z } from 'zod';
import {
  actionFields, bilanFields, closeFields, planFields, saisineFields, stepFields,
  type SaisineAction, type SaisineDetail, type SaisineNature, type SaisineStep,
} from '../../../shared/api/saisines.ts';
import type { PoleRow, PupilRow, SchoolRow } from '../../../shared/api/entities.ts';
import { formatDate } from '../../../shared/domain/dates.ts';
import {
  ACTION_TYPE_LABELS, ACTION_TYPES, BILAN_NEXT, BILAN_NEXT_LABELS, CLOSURES, expectedLabel, MDPH_STATUS_LABELS, MDPH_STATUSES,
  PILOT_DECISION_LABELS, PILOT_DECISIONS, REORIENTATION_LABELS, REORIENTATIONS, SAISINE_CHANNEL_LABELS, SAISINE_CHANNELS,
  SAISINE_ORIGIN_LABELS, SAISINE_ORIGINS, SAISINE_STATUS_LABELS, SCHOOL_PLANS, STEP_LABELS, STEP_NUMBERS, type StepNumber,
} from '../../../shared/domain/saisines.ts';
import { useApi } from '../api.ts';
import { ChildSection } from '../components/ChildSection.tsx';
import { DeleteButton, Loading } from '../components/common.tsx';
import { CheckboxField, FormError, SelectField, TextField, useForm, type FormValues } from '../components/form.tsx';
import { download } from '../files.ts';
import { useUi } from '../store.ts';
import { useApiData } from '../useApiData.ts';
import { useMutation } from '../useSave.ts';

const options = <T extends string>(values: readonly T[], labels: Record<T, string>): [T, string][] => values.map((v) => [v, labels[v]]);
const CLOSURE_OPTIONS = options(CLOSURES, { cloturee: 'clôturée', reorientee: 'réorientée', sans_suite: 'sans suite' });
const text = (value: string | null | undefined): string => value ?? '';

/** The plans are ticked one by one on the form and travel as a list. */
const planKey = (plan: string): string => `plan${plan}`;
const withPlans = (values: unknown): unknown => {
  const all = values as FormValues;
  return { ...all, plans: SCHOOL_PLANS.filter((plan) => all[planKey(plan)] === true) };
};

/** `onSaved` is for a new saisine, to open its file; an existing one reloads with the record. */
function IdentityForm({ saisine, onSaved }: { saisine: SaisineDetail | null; onSaved?(id: number): void }): ReactNode {
  const poles = useApiData('poles.list', {});
  const natures = useApiData('saisineNatures.list', {});
  const schools = useApiData('schools.list', {});
  const pupils = useApiData('pupils.list', {});
  // The form starts from the PAS and its coordinator: it waits for the lists it chooses from.
  if (poles.data === undefined || natures.data === undefined || schools.data === undefined || pupils.data === undefined) {
    return <Loading error={poles.error ?? natures.error ?? schools.error ?? pupils.error} />;
  }
  const lists = { pasList: poles.data.filter((p) => p.kind === 'PAS'), natures: natures.data, schools: schools.data, pupils: pupils.data };
  return <IdentityFields saisine={saisine} onSaved={onSaved} {...lists} />;
}

interface IdentityLists {
  pasList: PoleRow[];
  natures: SaisineNature[];
  schools: SchoolRow[];
  pupils: PupilRow[];
}

function IdentityFields({ saisine, onSaved, pasList, natures, schools, pupils }: IdentityLists & { saisine: SaisineDetail | null; onSaved?(id: number): void }): ReactNode {
  const mutate = useMutation();
  const today = useUi((s) => s.today);
  // The update's fields are the create's, with the id and version added on saving.
  const form = useForm(z.preprocess(withPlans, saisineFields), {
    poleId: String(saisine?.poleId ?? pasList[0]?.id ?? ''), number: text(saisine?.number), receivedOn: formatDate(saisine?.receivedOn ?? today),
    channel: text(saisine?.channel), origin: saisine?.origin ?? 'famille', requester: text(saisine?.requester), requesterContact: text(saisine?.requesterContact),
    pupilId: String(saisine?.pupilId ?? ''), pupilLastName: '', pupilFirstName: '', pupilBirthDate: '', pupilSchoolId: '', pupilLevel: '', pupilClassName: '',
    mdphStatus: saisine?.mdphStatus ?? 'aucun', lpiConsultedOn: formatDate(saisine?.lpiConsultedOn), natureId: String(saisine?.natureId ?? ''),
    description: text(saisine?.description), coordinator: text(saisine?.coordinator ?? pasList[0]?.coordinator), educator: text(saisine?.educator),
    ...Object.fromEntries(SCHOOL_PLANS.map((plan) => [planKey(plan), saisine?.plans.includes(plan) ?? false])),
  });
  const poleId = Number(form.values.poleId);
  const poleCode = pasList.find((p) => p.id === poleId)?.code;
  const ofPole = pupils.filter((p) => p.poleCode === poleCode);
  const schoolsOfPole = schools.filter((s) => s.poleId === poleId);
  const save = (): Promise<void> => form.submit(async (values) => {
    const input = withPlans(values) as z.input<typeof saisineFields>;
    const saved = saisine === null
      ? await mutate('saisines.create', input, 'Saisine enregistrée.')
      : await mutate('saisines.update', { ...input, id: saisine.id, version: saisine.version }, 'Saisine enregistrée.');
    onSaved?.(saved.id);
  });
  return (
    <form onSubmit={(e) => { e.preventDefault(); void save(); }} noValidate aria-label="Identité de la saisine">
      <FormError form={form} />
      <div className="field-row">
        <SelectField form={form} name="poleId" label="PAS" options={pasList.map((p) => [String(p.id), `${p.code} — ${p.name}`])} />
        <TextField form={form} name="number" label="Numéro" hint={saisine === null ? 'Laissé vide : le suivant de l’année' : undefined} />
        <TextField form={form} name="receivedOn" label="Reçue le" placeholder="jj/mm/aaaa" />
      </div>
      <div className="field-row">
        <SelectField form={form} name="channel" label="Canal" empty="—" options={options(SAISINE_CHANNELS, SAISINE_CHANNEL_LABELS)} />
        <SelectField form={form} name="origin" label="Origine" options={options(SAISINE_ORIGINS, SAISINE_ORIGIN_LABELS)} />
        <SelectField form={form} name="natureId" label="Nature" empty="Choisir…" options={natures.map((n) => [String(n.id), n.label])} />
      </div>
      <div className="field-row">
        <TextField form={form} name="requester" label="Demandeur" />
        <TextField form={form} name="requesterContact" label="Contact du demandeur" hint="Téléphone ou courriel" />
      </div>
      <SelectField form={form} name="pupilId" label="Élève" empty="Nouvel élève (décrit ci-dessous)"
        options={ofPole.map((p) => [String(p.id), `${p.lastName} ${p.firstName} (${p.level ?? '—'}, ${p.schoolName})`])} />
      {form.values.pupilId === '' ? (
        <fieldset className="saisine-new-pupil">
          <legend>Nouvel élève</legend>
          <div className="field-row">
            <TextField form={form} name="pupilLastName" label="Nom de l’élève" />
            <TextField form={form} name="pupilFirstName" label="Prénom de l’élève" />
            <TextField form={form} name="pupilBirthDate" label="Date de naissance" placeholder="jj/mm/aaaa" />
          </div>
          <div className="field-row">
            <SelectField form={form} name="pupilSchoolId" label="Établissement" empty="Choisir…" options={schoolsOfPole.map((s) => [String(s.id), `${s.name} (${s.uai})`])} />
            <TextField form={form} name="pupilLevel" label="Niveau" />
            <TextField form={form} name="pupilClassName" label="Classe" />
          </div>
        </fieldset>
      ) : null}
      <div className="saisine-plans" role="group" aria-label="Plans existants">
        <span className="field-label">Plans existants</span>
        {SCHOOL_PLANS.map((plan) => <CheckboxField key={plan} form={form} name={planKey(plan)} label={plan} />)}
      </div>
      <div className="field-row">
        <SelectField form={form} name="mdphStatus" label="Dossier MDPH" options={options(MDPH_STATUSES, MDPH_STATUS_LABELS)} />
        <TextField form={form} name="lpiConsultedOn" label="LPI consulté le" placeholder="jj/mm/aaaa" />
      </div>
      <TextField form={form} name="description" label="Description" />
      <div className="field-row">
        <TextField form={form} name="coordinator" label="Coordonnateur" />
        <TextField form={form} name="educator" label="Éducateur du binôme" />
      </div>
      <div className="form-actions"><button type="submit" className="primary" disabled={form.submitting}>Enregistrer</button></div>
    </form>
  );
}

function StepForm({ saisine, step, close }: { saisine: SaisineDetail; step: SaisineStep | null; close(): void }): ReactNode {
  const mutate = useMutation();
  const today = useUi((s) => s.today);
  const next = saisine.overdue?.step ?? Math.min(7, saisine.stepReached + 1);
  // Checked with the create schema either way: the update's fields are the same, but for the saisine's id.
  const form = useForm(stepFields, {
    saisineId: String(saisine.id), step: String(step?.step ?? next), date: formatDate(step?.date ?? today),
    author: text(step?.author ?? saisine.coordinator), decision: text(step?.decision), note: text(step?.note),
  });
  const save = (): Promise<void> => form.submit(async (values) => {
    if (step === null) await mutate('saisineSteps.create', values, 'Étape enregistrée.');
    else await mutate('saisineSteps.update', { ...values, id: step.id, version: step.version }, 'Étape enregistrée.');
    close();
  });
  return (
    <form onSubmit={(e) => { e.preventDefault(); void save(); }} noValidate aria-label="Étape">
      <FormError form={form} />
      <div className="field-row">
        <SelectField form={form} name="step" label="Étape" options={STEP_NUMBERS.map((n) => [String(n), `${n}. ${STEP_LABELS[n]}`])} />
        <TextField form={form} name="date" label="Date" placeholder="jj/mm/aaaa" />
      </div>
      <div className="field-row">
        <TextField form={form} name="author" label="Auteur" />
        {form.values.step === '5' ? (
          <SelectField form={form} name="decision" label="Décision des pilotes" empty="en attente" options={options(PILOT_DECISIONS, PILOT_DECISION_LABELS)} />
        ) : null}
      </div>
      <TextField form={form} name="note" label="Note" />
      <div className="form-actions">
        <button type="submit" className="primary" disabled={form.submitting}>Enregistrer l’étape</button>
        <button type="button" onClick={close}>Annuler</button>
        {step !== null ? <DeleteButton what="cette étape" onConfirm={async () => { await mutate('saisineSteps.delete', { id: step.id }, 'Étape supprimée.'); close(); }} /> : null}
      </div>
    </form>
  );
}

/** The seven steps in order, each with its dated entries; the step awaited is marked, late or not. */
function Timeline({ saisine }: { saisine: SaisineDetail }): ReactNode {
  const [editing, setEditing] = useState<null | 'new' | number>(null);
  const close = (): void => setEditing(null);
  const closed = saisine.closure !== null || saisine.anonymisedOn !== null;
  return (
    <section className="saisine-section" aria-label="Protocole">
      <header>
        <h3>Protocole en sept étapes</h3>
        {editing === null && !closed ? <button type="button" onClick={() => setEditing('new')}>Ajouter une étape</button> : null}
      </header>
      {saisine.overdue ? (
        <p className="saisine-late" role="alert">
          {expectedLabel(saisine.overdue)} attendue depuis le {formatDate(saisine.overdue.dueOn)} ({saisine.overdue.daysLate} j de retard).
        </p>
      ) : null}
      {editing === 'new' ? <div className="child-form"><StepForm saisine={saisine} step={null} close={close} /></div> : null}
      <ol className="timeline">
        {STEP_NUMBERS.map((n: StepNumber) => {
          const entries = saisine.steps.filter((s) => s.step === n);
          return (
            <li key={n} className={entries.length > 0 ? 'done' : 'todo'}>
              <span className="timeline-mark" aria-hidden="true">{n}</span>
              <div>
                <strong>{STEP_LABELS[n]}</strong>
                {entries.length === 0 ? <p className="muted">—</p> : null}
                {entries.map((entry) => editing === entry.id ? (
                  <div key={entry.id} className="child-form"><StepForm saisine={saisine} step={entry} close={close} /></div>
                ) : (
                  <button key={entry.id} type="button" className="child-item timeline-entry" disabled={closed} onClick={() => setEditing(entry.id)}>
                    {formatDate(entry.date)}{entry.author ? ` · ${entry.author}` : ''}
                    {entry.step === 5 ? <span className={entry.decision === 'valide' ? 'tag tag-ok' : 'tag'}>{entry.decision ? PILOT_DECISION_LABELS[entry.decision] : 'décision attendue'}</span> : null}
                    {entry.note ? <span className="timeline-note">{entry.note}</span> : null}
                  </button>
                ))}
              </div>
            </li>
          );
        })}
      </ol>
    </section>
  );
}

function ActionForm({ saisine, action, close }: { saisine: SaisineDetail; action: SaisineAction | null; close(): void }): ReactNode {
  const mutate = useMutation();
  const form = useForm(actionFields, {
    saisineId: String(saisine.id), type: action?.type ?? 'conseil', description: text(action?.description), owner: text(action?.owner),
    startDate: formatDate(action?.startDate), endDate: formatDate(action?.endDate), frequency: text(action?.frequency),
  });
  const save = (): Promise<void> => form.submit(async (values) => {
    if (action === null) await mutate('saisineActions.create', values, 'Action enregistrée.');
    else await mutate('saisineActions.update', { ...values, id: action.id, version: action.version }, 'Action enregistrée.');
    close();
  });
  return (
    <form onSubmit={(e) => { e.preventDefault(); void save(); }} noValidate aria-label="Action">
      <FormError form={form} />
      <div className="field-row">
        <SelectField form={form} name="type" label="Type d’action" options={options(ACTION_TYPES, ACTION_TYPE_LABELS)} />
        <TextField form={form} name="owner" label="Responsable" />
      </div>
      <TextField form={form} name="description" label="Description de l’action" />
      <div className="field-row">
        <TextField form={form} name="startDate" label="Début" placeholder="jj/mm/aaaa" />
        <TextField form={form} name="endDate" label="Fin" placeholder="jj/mm/aaaa" />
        <TextField form={form} name="frequency" label="Fréquence" hint="Par exemple : 1 h par semaine" />
      </div>
      <div className="form-actions">
        <button type="submit" className="primary" disabled={form.submitting}>Enregistrer l’action</button>
        <button type="button" onClick={close}>Annuler</button>
        {action !== null ? <DeleteButton what="cette action" onConfirm={async () => { await mutate('saisineActions.delete', { id: action.id }, 'Action supprimée.'); close(); }} /> : null}
      </div>
    </form>
  );
}

function PlanSection({ saisine }: { saisine: SaisineDetail }): ReactNode {
  const mutate = useMutation();
  const form = useForm(planFields, { goals: text(saisine.goals) });
  const decision = saisine.steps.filter((s) => s.step === 5).at(-1);
  return (
    <section className="saisine-section" aria-label="Plan d’action">
      <header><h3>Plan d’action</h3></header>
      <form onSubmit={(e) => { e.preventDefault(); void form.submit(async (values) => { await mutate('saisines.plan', { ...values, id: saisine.id, version: saisine.version }, 'Objectifs enregistrés.'); }); }} noValidate>
        <FormError form={form} />
        <TextField form={form} name="goals" label="Objectifs" />
        <div className="form-actions"><button type="submit" disabled={form.submitting}>Enregistrer les objectifs</button></div>
      </form>
      <ChildSection
        title="Actions" items={saisine.actions} empty="Aucune action prévue." addLabel="Ajouter une action"
        describe={(a) => (
          <>
            <strong>{ACTION_TYPE_LABELS[a.type]}</strong>{a.owner ? ` · ${a.owner}` : ''}
            {a.startDate ? ` · du ${formatDate(a.startDate)}${a.endDate ? ` au ${formatDate(a.endDate)}` : ''}` : ''}{a.frequency ? ` · ${a.frequency}` : ''}
            {a.description ? <span className="timeline-note">{a.description}</span> : null}
          </>
        )}
        renderForm={(action, close) => <ActionForm saisine={saisine} action={action} close={close} />}
      />
      <p className="saisine-decision">
        <strong>Décision des pilotes : </strong>
        {decision === undefined ? 'plan non soumis.' : decision.decision === null
          ? `plan soumis le ${formatDate(decision.date)}, décision attendue.`
          : `${PILOT_DECISION_LABELS[decision.decision]} (plan soumis le ${formatDate(decision.date)}).`}
      </p>
    </section>
  );
}

function BilanSection({ saisine }: { saisine: SaisineDetail }): ReactNode {
  const mutate = useMutation();
  const form = useForm(bilanFields, {
    bilanActions: text(saisine.bilanActions), bilanEffects: text(saisine.bilanEffects), bilanNext: text(saisine.bilanNext), bilanSentOn: formatDate(saisine.bilanSentOn),
  });
  return (
    <section className="saisine-section" aria-label="Bilan">
      <header><h3>Bilan et prospective</h3></header>
      <form onSubmit={(e) => { e.preventDefault(); void form.submit(async (values) => { await mutate('saisines.bilan', { ...values, id: saisine.id, version: saisine.version }, 'Bilan enregistré.'); }); }} noValidate>
        <FormError form={form} />
        <TextField form={form} name="bilanActions" label="Actions menées" />
        <TextField form={form} name="bilanEffects" label="Effets observés" />
        <div className="field-row">
          <SelectField form={form} name="bilanNext" label="Suite proposée" empty="—" options={options(BILAN_NEXT, BILAN_NEXT_LABELS)} />
          <TextField form={form} name="bilanSentOn" label="Transmis aux pilotes le" placeholder="jj/mm/aaaa" />
        </div>
        <div className="form-actions"><button type="submit" disabled={form.submitting}>Enregistrer le bilan</button></div>
      </form>
    </section>
  );
}

function ClosureSection({ saisine }: { saisine: SaisineDetail }): ReactNode {
  const mutate = useMutation();
  const today = useUi((s) => s.today);
  const form = useForm(closeFields, {
    closure: text(saisine.closure), reorientedTo: text(saisine.reorientedTo), closedOn: formatDate(saisine.closedOn ?? today),
  });
  const save = (): Promise<void> => form.submit(async (values) => {
    const reopen = values.closure === '';
    await mutate('saisines.close', { ...values, closedOn: reopen ? '' : values.closedOn, id: saisine.id, version: saisine.version }, reopen ? 'Saisine rouverte.' : 'Saisine close.');
  });
  return (
    <section className="saisine-section" aria-label="Clôture">
      <header><h3>Clôture</h3></header>
      <form onSubmit={(e) => { e.preventDefault(); void save(); }} noValidate>
        <FormError form={form} />
        <div className="field-row">
          <SelectField form={form} name="closure" label="Issue" empty="en cours" options={CLOSURE_OPTIONS} />
          {form.values.closure === 'reorientee' ? <SelectField form={form} name="reorientedTo" label="Réorientée vers" empty="Choisir…" options={options(REORIENTATIONS, REORIENTATION_LABELS)} /> : null}
          {form.values.closure !== '' ? <TextField form={form} name="closedOn" label="Le" placeholder="jj/mm/aaaa" /> : null}
        </div>
        {saisine.anonymisedFrom ? <p className="field-hint">Anonymisée à partir du {formatDate(saisine.anonymisedFrom)} (durée de conservation des Paramètres).</p> : null}
        <div className="form-actions"><button type="submit" disabled={form.submitting}>Enregistrer l’issue</button></div>
      </form>
    </section>
  );
}

/** The person's rights: everything about them as a file, or their data wiped from the record. */
function PersonActions({ saisine }: { saisine: SaisineDetail }): ReactNode {
  const api = useApi();
  const { notify, changed } = useUi.getState();
  const [asking, setAsking] = useState(false);
  const exportData = async (): Promise<void> => {
    try {
      const file = await api('saisines.personExport', { saisineId: saisine.id });
      download(file.fileName, file.dataBase64);
      notify(`Données exportées dans ${file.fileName}.`);
    } catch (error) {
      notify((error as Error).message, 'error');
    }
  };
  const erase = async (): Promise<void> => {
    const erased = await api('saisines.personErase', { saisineId: saisine.id });
    changed();
    notify(`${erased.saisines > 1 ? `${erased.saisines} saisines anonymisées` : 'Saisine anonymisée'}${erased.pupilDeleted ? ', élève supprimé' : ''}.`);
    setAsking(false);
  };
  if (saisine.anonymisedOn !== null) return <span className="muted">Anonymisée le {formatDate(saisine.anonymisedOn)}</span>;
  return (
    <span className="saisine-person">
      <button type="button" onClick={() => void exportData()}>Exporter les données de la personne</button>
      {asking ? (
        <span className="confirm" role="group" aria-label="Confirmer l’effacement">
          <span>Effacer les noms, contacts, descriptions et notes de toutes les saisines de cet élève ? <strong>C’est définitif.</strong></span>
          <button type="button" className="danger" onClick={() => void erase()}>Oui, effacer</button>
          <button type="button" onClick={() => setAsking(false)}>Annuler</button>
        </span>
      ) : <button type="button" className="danger-outline" onClick={() => setAsking(true)}>Effacer les données de la personne</button>}
    </span>
  );
}

export function SaisineFile({ id, onBack, onOpen }: { id: number | 'new'; onBack(): void; onOpen(id: number): void }): ReactNode {
  const detail = useApiData('saisines.get', { id: id === 'new' ? 0 : id }, id !== 'new');
  const saisine = id === 'new' ? null : detail.data;
  const back = <button type="button" onClick={onBack}>← Registre des saisines</button>;
  if (id === 'new') {
    return (
      <div className="saisine-file">
        <header className="screen-header"><h1>Nouvelle saisine</h1><div className="screen-actions">{back}</div></header>
        <section className="saisine-section"><IdentityForm saisine={null} onSaved={onOpen} /></section>
      </div>
    );
  }
  if (saisine === undefined || saisine === null) return <Loading error={detail.error} />;
  return (
    // Keyed by version: a save reloads the file, and its forms start again from what was saved.
    <div className="saisine-file" key={saisine.version}>
      <header className="screen-header">
        <h1>Saisine {saisine.number}{saisine.pupilName ? ` — ${saisine.pupilName}` : ''}</h1>
        <div className="screen-actions">
          <span className="tag">{SAISINE_STATUS_LABELS[saisine.status]}</span>
          <PersonActions saisine={saisine} />
          {back}
        </div>
      </header>
      <p className="muted">
        {saisine.poleCode} · reçue le {formatDate(saisine.receivedOn)} · {SAISINE_ORIGIN_LABELS[saisine.origin]} · {saisine.natureLabel} · {saisine.schoolName} ({saisine.uai})
      </p>
      <div className="saisine-grid">
        <div>
          <Timeline saisine={saisine} />
          <PlanSection saisine={saisine} />
          <BilanSection saisine={saisine} />
          <ClosureSection saisine={saisine} />
        </div>
        <section className="saisine-section" aria-label="Identité">
          <header><h3>Identité et demande</h3></header>
          <IdentityForm saisine={saisine} />
        </section>
      </div>
    </div>
  );
}
