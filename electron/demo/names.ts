// Word lists for the demonstration département: common French names, real communes of Vaucluse
// with their approximate coordinates, and the names schools are usually given.

export const FIRST_NAMES = [
  'Léa', 'Emma', 'Jade', 'Louise', 'Alice', 'Chloé', 'Lina', 'Mila', 'Inès', 'Ambre', 'Rose', 'Anna', 'Julia', 'Zoé',
  'Manon', 'Camille', 'Sarah', 'Lou', 'Agathe', 'Juliette', 'Nina', 'Léna', 'Iris', 'Margaux', 'Clara', 'Eva',
  'Gabriel', 'Léo', 'Raphaël', 'Louis', 'Arthur', 'Jules', 'Adam', 'Maël', 'Lucas', 'Hugo', 'Noah', 'Liam',
  'Sacha', 'Nathan', 'Ethan', 'Paul', 'Tom', 'Théo', 'Nolan', 'Mathis', 'Timéo', 'Enzo', 'Yanis', 'Rayan',
  'Aaron', 'Mohamed', 'Samuel', 'Axel', 'Antoine', 'Victor', 'Baptiste', 'Maxime', 'Clément', 'Élise',
];

export const ADULT_FIRST_NAMES = [
  'Nathalie', 'Isabelle', 'Sylvie', 'Catherine', 'Sandrine', 'Valérie', 'Christine', 'Céline', 'Stéphanie',
  'Sophie', 'Véronique', 'Karine', 'Laurence', 'Virginie', 'Aurélie', 'Émilie', 'Caroline', 'Patricia', 'Nadia',
  'Fatima', 'Samia', 'Julie', 'Hélène', 'Myriam', 'Corinne', 'Delphine', 'Magali', 'Séverine', 'Mélanie',
  'Laurent', 'Frédéric', 'Stéphane', 'Karim', 'Olivier', 'Sébastien', 'Thierry', 'Pascal', 'Nicolas', 'Julien',
];

export const LAST_NAMES = [
  'Martin', 'Bernard', 'Dubois', 'Thomas', 'Robert', 'Richard', 'Petit', 'Durand', 'Leroy', 'Moreau', 'Simon',
  'Laurent', 'Lefèvre', 'Michel', 'Garcia', 'David', 'Bertrand', 'Roux', 'Vincent', 'Fournier', 'Morel', 'Girard',
  'André', 'Mercier', 'Dupont', 'Lambert', 'Bonnet', 'François', 'Martinez', 'Legrand', 'Garnier', 'Faure',
  'Rousseau', 'Blanc', 'Guérin', 'Muller', 'Henry', 'Roussel', 'Nicolas', 'Perrin', 'Morin', 'Mathieu', 'Clément',
  'Gauthier', 'Dumont', 'Lopez', 'Fontaine', 'Chevalier', 'Robin', 'Masson', 'Sanchez', 'Gérard', 'Nguyen',
  'Boyer', 'Denis', 'Lemaire', 'Duval', 'Joly', 'Gautier', 'Roger', 'Roche', 'Roy', 'Noël', 'Meyer', 'Lucas',
  'Meunier', 'Jean', 'Pérez', 'Marchand', 'Dufour', 'Blanchard', 'Brun', 'Barbier', 'Arnaud', 'Giraud', 'Reynaud',
  'Aubert', 'Chabert', 'Bouvier', 'Benoît', 'Ferrand', 'Brémond', 'Sauvan', 'Pellegrin', 'Aymard', 'Bonnefoy',
];

/** Communes of Vaucluse (84) with approximate latitude and longitude. */
export const COMMUNES: readonly (readonly [string, number, number])[] = [
  ['Avignon', 43.949, 4.806], ['Carpentras', 44.055, 5.048], ['Orange', 44.138, 4.807], ['Cavaillon', 43.837, 5.038],
  ['Apt', 43.876, 5.396], ['Pertuis', 43.694, 5.502], ["L'Isle-sur-la-Sorgue", 43.919, 5.051], ['Sorgues', 44.008, 4.873],
  ['Bollène', 44.281, 4.749], ['Valréas', 44.384, 4.99], ['Vaison-la-Romaine', 44.241, 5.074], ['Monteux', 44.036, 4.997],
  ['Pernes-les-Fontaines', 43.999, 5.059], ['Le Pontet', 43.962, 4.861], ['Bédarrides', 44.04, 4.898],
  ['Entraigues-sur-la-Sorgue', 44.003, 4.927], ['Courthézon', 44.087, 4.884], ['Sault', 44.091, 5.409],
  ['Bonnieux', 43.824, 5.307], ['Cadenet', 43.735, 5.374], ['Lauris', 43.747, 5.313], ['Malaucène', 44.174, 5.132],
  ['Mazan', 44.057, 5.127], ['Vedène', 43.977, 4.904], ['Morières-lès-Avignon', 43.94, 4.907],
  ['Châteauneuf-du-Pape', 44.056, 4.832], ['Caromb', 44.113, 5.105], ['Robion', 43.847, 5.11], ['Gordes', 43.911, 5.2],
  ['Lourmarin', 43.764, 5.362], ['Villelaure', 43.711, 5.433], ["La Tour-d'Aigues", 43.726, 5.551],
  ['Mondragon', 44.237, 4.712], ['Piolenc', 44.177, 4.761], ['Jonquières', 44.115, 4.901], ['Sarrians', 44.083, 4.972],
  ['Beaumes-de-Venise', 44.122, 5.031], ['Sablet', 44.19, 4.996], ['Bédoin', 44.124, 5.18], ['Mormoiron', 44.068, 5.183],
  ['Cucuron', 43.773, 5.439], ['Ménerbes', 43.832, 5.206], ['Roussillon', 43.902, 5.292], ['Goult', 43.863, 5.242],
  ['Saint-Saturnin-lès-Apt', 43.932, 5.383], ['Maubec', 43.84, 5.134], ['Cheval-Blanc', 43.802, 5.064],
  ['Mérindol', 43.756, 5.203], ['Le Thor', 43.929, 4.995], ['Châteaurenard', 43.883, 4.855], ['Althen-des-Paluds', 44.004, 4.958],
  ['Velleron', 43.957, 5.03], ['Aubignan', 44.099, 5.026], ['Loriol-du-Comtat', 44.077, 5.0], ['Saint-Didier', 44.004, 5.11],
  ['Venasque', 43.996, 5.146], ['Caumont-sur-Durance', 43.893, 4.948], ['Les Taillades', 43.838, 5.089],
  ['Camaret-sur-Aigues', 44.162, 4.872], ['Sérignan-du-Comtat', 44.189, 4.844], ['Lapalud', 44.306, 4.689],
  ['Richerenches', 44.367, 4.914], ['Visan', 44.315, 4.95], ['Puyméras', 44.278, 5.127], ['Villes-sur-Auzon', 44.057, 5.234],
];

export const SCHOOL_PATRONS = [
  'Jean Moulin', 'Jules Ferry', 'Victor Hugo', 'Jean Jaurès', 'Louis Pasteur', 'Marie Curie', 'Jacques Prévert',
  'Paul Éluard', 'Frédéric Mistral', 'Alphonse Daudet', 'Jean Giono', 'Marcel Pagnol', 'Albert Camus', 'Simone Veil',
  'Anne Frank', 'Joseph Roumanille', 'Les Oliviers', 'Les Lavandes', 'Les Platanes', 'Le Château', 'La Croisière',
  'Saint-Exupéry', 'Henri Fabre', 'René Char', 'Lucie Aubrac', 'Pierre de Coubertin', 'Les Amandiers', 'Le Moulin',
];

export const SKILLS = ['LSF', 'TSA', 'braille', 'troubles DYS', 'handicap moteur', 'TDAH'];

export const ABSENCE_REASONS = ['maladie', 'formation', 'congé', 'accident du travail', 'autorisation d’absence'];
