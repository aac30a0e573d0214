// The exchange workbook (../shared/docs/workbook.md) as data: its sheets, their columns, which
// are required, and the headers other files use for them (MDPH exports, HR lists), from which the
// importer proposes a mapping.

// In the order the importer reads them: a sheet after the sheets its rows refer to.
export const SHEET_KEYS = ['poles', 'schools', 'pupils', 'notifications', 'aesh', 'absences', 'slots', 'saisines', 'steps', 'actions'] as const;
export type SheetKey = (typeof SHEET_KEYS)[number];

export interface ColumnDef {
  key: string;
  label: string;
  required?: boolean;
  /** Other headers seen in the field for this column. */
  synonyms?: readonly string[];
}

export interface SheetDef {
  key: SheetKey;
  name: string;
  columns: readonly ColumnDef[];
}

export const SHEETS: Record<SheetKey, SheetDef> = {
  poles: {
    key: 'poles', name: 'Pôles', columns: [
      { key: 'code', label: 'Code', required: true, synonyms: ['code pial', 'code pôle', 'identifiant pôle'] },
      { key: 'name', label: 'Nom', required: true, synonyms: ['nom du pôle', 'libellé', 'intitulé'] },
      { key: 'kind', label: 'Type', synonyms: ['type de pôle', 'nature'] },
      { key: 'coordinator', label: 'Coordonnateur', synonyms: ['coordinateur', 'coordonnateur pial'] },
      { key: 'pilot', label: 'Pilote', synonyms: ['ien', 'pilote du pial'] },
    ],
  },
  schools: {
    key: 'schools', name: 'Établissements', columns: [
      { key: 'uai', label: 'UAI', required: true, synonyms: ['rne', 'code uai', 'numéro uai', 'uai établissement'] },
      { key: 'name', label: 'Nom', required: true, synonyms: ['nom établissement', 'établissement', 'appellation', 'dénomination'] },
      { key: 'kind', label: 'Type', synonyms: ['type établissement', 'nature établissement'] },
      { key: 'sector', label: 'Secteur', synonyms: ['public privé', 'statut'] },
      { key: 'commune', label: 'Commune', synonyms: ['ville', 'localité', 'commune établissement'] },
      { key: 'pole', label: 'Pôle', synonyms: ['pial', 'code pial', 'pas', 'pôle'] },
      { key: 'week', label: 'Semaine', synonyms: ['rythme', 'organisation semaine'] },
      { key: 'latitude', label: 'Latitude', synonyms: ['lat'] },
      { key: 'longitude', label: 'Longitude', synonyms: ['lon', 'lng'] },
    ],
  },
  pupils: {
    key: 'pupils', name: 'Élèves', columns: [
      { key: 'identifier', label: 'Identifiant', required: true, synonyms: ['n° dossier', 'numéro dossier', 'dossier mdph', 'ine', 'identifiant élève', 'n° élève'] },
      { key: 'lastName', label: 'Nom', required: true, synonyms: ['nom de l\'élève', 'nom élève', 'nom enfant', 'nom de famille'] },
      { key: 'firstName', label: 'Prénom', required: true, synonyms: ['prénom de l\'élève', 'prénom élève', 'prénom enfant'] },
      { key: 'birthDate', label: 'Date de naissance', synonyms: ['né le', 'naissance', 'date naissance'] },
      { key: 'uai', label: 'UAI', required: true, synonyms: ['rne', 'uai établissement', 'rne établissement', 'code établissement'] },
      { key: 'level', label: 'Niveau', synonyms: ['niveau scolaire', 'classe niveau'] },
      { key: 'className', label: 'Classe', synonyms: ['division'] },
      { key: 'ulis', label: 'ULIS', synonyms: ['dispositif ulis', 'scolarisé en ulis'] },
    ],
  },
  notifications: {
    key: 'notifications', name: 'Notifications', columns: [
      { key: 'pupil', label: 'Identifiant élève', required: true, synonyms: ['n° dossier', 'numéro dossier', 'dossier mdph', 'identifiant'] },
      { key: 'kind', label: 'Type', required: true, synonyms: ['type d\'aide', 'type aide', 'nature de l\'aide', 'aide humaine'] },
      { key: 'weeklyHours', label: 'Heures hebdomadaires', synonyms: ['quotité horaire', 'heures notifiées', 'nombre d\'heures', 'volume horaire', 'heures'] },
      { key: 'startDate', label: 'Début', required: true, synonyms: ['date de début', 'début de droits', 'date de début de droits', 'date début'] },
      { key: 'endDate', label: 'Fin', required: true, synonyms: ['date de fin', 'fin de droits', 'date de fin de droits', 'date fin'] },
      { key: 'lunchBreak', label: 'Pause méridienne', synonyms: ['temps méridien', 'cantine'] },
      { key: 'activities', label: 'Activités', synonyms: ['activités notifiées', 'observations'] },
    ],
  },
  aesh: {
    key: 'aesh', name: 'AESH', columns: [
      { key: 'matricule', label: 'Matricule', required: true, synonyms: ['numen', 'n° agent', 'numéro agent', 'identifiant agent'] },
      { key: 'lastName', label: 'Nom', required: true, synonyms: ['nom agent', 'nom d\'usage', 'nom de famille'] },
      { key: 'firstName', label: 'Prénom', required: true, synonyms: ['prénom agent'] },
      { key: 'homeCommune', label: 'Commune de résidence', synonyms: ['commune', 'résidence', 'ville'] },
      { key: 'pole', label: 'Pôle', synonyms: ['pial', 'code pial', 'pôle d\'affectation', 'affectation'] },
      { key: 'contractKind', label: 'Contrat', synonyms: ['type de contrat', 'nature du contrat'] },
      { key: 'contractStart', label: 'Début contrat', synonyms: ['date de début du contrat', 'début du contrat', 'date d\'effet'] },
      { key: 'contractEnd', label: 'Fin contrat', synonyms: ['date de fin du contrat', 'fin du contrat'] },
      // Required for a contract, which a row may leave out (an AESH recorded before their contract).
      { key: 'weeklyHours', label: 'Heures hebdomadaires', synonyms: ['quotité horaire', 'heures d\'accompagnement', 'heures contrat', 'temps de travail hebdomadaire'] },
      { key: 'referent', label: 'Référent', synonyms: ['aesh référent'] },
      { key: 'skills', label: 'Compétences', synonyms: ['spécialités', 'formations'] },
    ],
  },
  absences: {
    key: 'absences', name: 'Absences', columns: [
      { key: 'matricule', label: 'Matricule', required: true },
      { key: 'startDate', label: 'Début', required: true, synonyms: ['date de début', 'du'] },
      { key: 'endDate', label: 'Fin', required: true, synonyms: ['date de fin', 'au'] },
      { key: 'reason', label: 'Motif', synonyms: ['nature', 'raison'] },
    ],
  },
  slots: {
    key: 'slots', name: 'Créneaux', columns: [
      { key: 'matricule', label: 'Matricule', required: true },
      { key: 'uai', label: 'UAI', required: true, synonyms: ['rne'] },
      { key: 'weekday', label: 'Jour', required: true },
      { key: 'start', label: 'Début', required: true, synonyms: ['heure de début'] },
      { key: 'end', label: 'Fin', required: true, synonyms: ['heure de fin'] },
      { key: 'pupils', label: 'Élèves', synonyms: ['identifiants élèves'] },
      { key: 'nature', label: 'Nature' },
      { key: 'validFrom', label: 'Du', synonyms: ['valable du'] },
      { key: 'validTo', label: 'Au', synonyms: ['valable au'] },
    ],
  },
  // The PAS's register (issue 15). A saisine is numbered per PAS (2026-001), so its key is its
  // pôle and number; Étapes and Actions name it by number, "PAS-01 2026-001" when several PAS share it.
  saisines: {
    key: 'saisines', name: 'Saisines', columns: [
      { key: 'number', label: 'Numéro', required: true, synonyms: ['n° saisine', 'numéro de saisine', 'n° de saisine'] },
      { key: 'pole', label: 'Pôle', required: true, synonyms: ['pas', 'code pas', 'code pôle'] },
      { key: 'receivedOn', label: 'Reçue le', required: true, synonyms: ['date de réception', 'date de saisine', 'reçue'] },
      { key: 'channel', label: 'Canal', synonyms: ['mode de saisine', 'moyen', 'canal de saisine'] },
      { key: 'origin', label: 'Origine', required: true, synonyms: ['origine de la saisine', 'demande de', 'saisi par'] },
      { key: 'requester', label: 'Demandeur', synonyms: ['nom du demandeur', 'demandé par'] },
      { key: 'pupil', label: 'Identifiant élève', synonyms: ['identifiant', 'n° dossier', 'ine'] },
      { key: 'lastName', label: 'Nom', synonyms: ['nom de l\'élève', 'nom élève', 'nom enfant'] },
      { key: 'firstName', label: 'Prénom', synonyms: ['prénom de l\'élève', 'prénom élève', 'prénom enfant'] },
      { key: 'birthDate', label: 'Date de naissance', synonyms: ['né le', 'naissance', 'date naissance'] },
      { key: 'uai', label: 'UAI', required: true, synonyms: ['rne', 'uai établissement', 'code établissement'] },
      { key: 'level', label: 'Niveau', synonyms: ['niveau scolaire'] },
      { key: 'className', label: 'Classe', synonyms: ['division'] },
      { key: 'plans', label: 'Plans', synonyms: ['plans existants', 'dispositifs', 'plans en place'] },
      { key: 'mdphStatus', label: 'Statut MDPH', synonyms: ['mdph', 'dossier mdph', 'situation mdph'] },
      { key: 'lpiConsultedOn', label: 'LPI consulté le', synonyms: ['lpi', 'consultation lpi', 'date lpi'] },
      { key: 'nature', label: 'Nature', required: true, synonyms: ['nature de la saisine', 'motif de la saisine', 'objet de la saisine'] },
      { key: 'description', label: 'Description', synonyms: ['situation', 'observations'] },
      { key: 'coordinator', label: 'Coordonnateur', synonyms: ['coordinateur', 'coordonnateur pas'] },
      { key: 'educator', label: 'Éducateur', synonyms: ['éducateur du binôme', 'binôme', 'éducatrice'] },
      { key: 'status', label: 'Statut', required: true, synonyms: ['état', 'statut de la saisine'] },
      { key: 'closedOn', label: 'Clôturée le', synonyms: ['date de clôture', 'clôture'] },
      // Added by Planif AESH after the documented columns, so that a saisine's file travels whole
      // (a package is an import into another record): the requester's contact, the plan and the
      // bilan, and the date of the anonymisation. Keys are the fields of shared/api/saisines.ts.
      { key: 'requesterContact', label: 'Contact du demandeur', synonyms: ['coordonnées du demandeur', 'téléphone du demandeur', 'courriel du demandeur'] },
      { key: 'goals', label: 'Objectifs', synonyms: ['objectifs du plan', 'objectifs du plan d’action', "objectifs du plan d'action"] },
      { key: 'bilanActions', label: 'Bilan — actions réalisées', synonyms: ['actions réalisées', 'actions menées'] },
      { key: 'bilanEffects', label: 'Bilan — effets', synonyms: ['effets', 'effets observés'] },
      { key: 'bilanNext', label: 'Bilan — suite', synonyms: ['suite', 'suite donnée', 'prospective'] },
      { key: 'bilanSentOn', label: 'Bilan — transmis le', synonyms: ['bilan transmis le', 'date du bilan', 'bilan envoyé le'] },
      { key: 'anonymisedOn', label: 'Anonymisée le', synonyms: ['date d’anonymisation', "date d'anonymisation"] },
    ],
  },
  steps: {
    key: 'steps', name: 'Étapes', columns: [
      { key: 'saisine', label: 'Saisine', required: true, synonyms: ['n° saisine', 'numéro de saisine', 'n° de saisine'] },
      { key: 'step', label: 'Étape', required: true, synonyms: ['étape du protocole', 'n° étape'] },
      { key: 'date', label: 'Date', required: true, synonyms: ['date de l\'étape'] },
      { key: 'author', label: 'Auteur', synonyms: ['rédacteur', 'rédigé par'] },
      { key: 'decision', label: 'Décision', synonyms: ['décision des pilotes', 'avis des pilotes'] },
      { key: 'note', label: 'Note', synonyms: ['observations', 'commentaire'] },
    ],
  },
  actions: {
    key: 'actions', name: 'Actions', columns: [
      { key: 'saisine', label: 'Saisine', required: true, synonyms: ['n° saisine', 'numéro de saisine', 'n° de saisine'] },
      { key: 'type', label: 'Type', required: true, synonyms: ['type d\'action', 'nature de l\'action'] },
      { key: 'description', label: 'Description', synonyms: ['détail', 'objectif'] },
      { key: 'owner', label: 'Responsable', synonyms: ['porteur', 'pilote de l\'action'] },
      { key: 'startDate', label: 'Début', synonyms: ['date de début', 'du'] },
      { key: 'endDate', label: 'Fin', synonyms: ['date de fin', 'au'] },
      { key: 'frequency', label: 'Fréquence', synonyms: ['périodicité', 'rythme'] },
    ],
  },
};

/** Headers match ignoring case, accents, surrounding spaces and punctuation. */
export function normaliseHeader(header: string): string {
  return header.normalize('NFD').replace(/\p{Diacritic}/gu, '').toLowerCase().replace(/[^a-z0-9\s]+/g, '').replace(/\s+/g, ' ').trim();
}

/** The workbook sheet a file's sheet name stands for ("Eleves", "élèves " → pupils), if any. */
export function sheetKeyOf(name: string): SheetKey | null {
  const wanted = normaliseHeader(name);
  return SHEET_KEYS.find((key) => normaliseHeader(SHEETS[key].name) === wanted) ?? null;
}
