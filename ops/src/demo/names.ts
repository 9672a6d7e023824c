import type { Rng } from './random';

/*
 * French names, frequent in Lorraine among people born 1960–1995: enough combinations (~30,000) that
 * homonyms stay as rare as in life at scale 1, and still happen at scale 100.
 */

/** Whitespace-separated; '_' stands for the space inside a name ('Le_Gall'). */
function words(list: string): string[] {
  return [...new Set(list.split(/\s+/).map((w) => w.replace('_', ' ')))];
}

const FIRST_NAMES =
  words(`Nathalie Isabelle Sylvie Catherine Valérie Christine Sandrine Véronique Stéphanie Céline Aurélie
Émilie Julie Caroline Sophie Laure Anne Hélène Claire Marie Camille Pauline Élodie Mélanie Audrey Virginie Delphine
Florence Agnès Cécile Laurence Karine Séverine Magali Amandine Charlotte Lucie Manon Chloé Léa Sarah Marion Justine
Anaïs Clémence Mathilde Margaux Solène Aline Béatrice Brigitte Corinne Dominique Estelle Fabienne Ghislaine Martine
Odile Pascale Patricia Myriam Nadia Samia Fatima Yasmina Inès
Philippe Pascal Christophe Stéphane Laurent Thierry Frédéric Éric Olivier Nicolas Sébastien Julien David Jérôme
Vincent Guillaume Mathieu Romain Antoine Thomas Alexandre Maxime Benjamin Pierre Jean Jean-Marc Jean-Luc Jean-Pierre
Jean-François Marc François Patrick Michel Alain Bernard Denis Didier Gilles Hervé Bruno Yves Luc Fabrice Arnaud
Cédric Damien Florian Kévin Clément Hugo Lucas Adrien Quentin Rémi Bastien Loïc Yann Gaël Hadrien Aurélien Baptiste
Mehdi Karim Mohamed Rachid Samir Youssef Nabil Hamid`);

const LAST_NAMES =
  words(`Martin Bernard Thomas Petit Robert Richard Durand Dubois Moreau Laurent Simon Michel Lefebvre Leroy
Roux David Bertrand Morel Fournier Girard Bonnet Dupont Lambert Fontaine Rousseau Vincent Muller Lefèvre Faure André
Mercier Blanc Guérin Boyer Garnier Chevalier François Legrand Gauthier Garcia Perrin Robin Clément Morin Nicolas
Henry Roussel Mathieu Gautier Masson Marchand Duval Denis Dumont Marie Lemaire Noël Meyer Dufour Meunier Brun
Blanchard Giraud Joly Rivière Lucas Brunet Gaillard Barbier Arnaud Martinez Gérard Roche Renard Schmitt Roy Leroux
Colin Vidal Caron Picard Roger Fabre Aubert Lemoine Renaud Dumas Lacroix Olivier Philippe Bourgeois Pierre Benoît
Rey Leclerc Payet Rolland Leclercq Guillaume Lecomte Lopez Jean Dupuis Guillot Hubert Berger Carpentier Sanchez
Dupuis Moulin Louis Deschamps Huet Vasseur Perez Boucher Fleury Royer Klein Jacquet Adam Paris Poirier Marty Aubry
Guyot Carré Charles Renault Charpentier Ménard Maillard Baron Bertin Bailly Hervé Schneider Fernandez Le_Gall
Collet Léger Bouvier Julien Prévost Millet Perrot Daniel Le_Roux Cousin Germain Breton Besson Langlois Rémy Pelletier
Lévêque Perrier Leblanc Barré Lebrun Marchal Weber Mallet Hamon Boulanger Jacob Monnier Michaud Rodriguez Guichard
Gillet Étienne Grondin Poulain Tessier Chevallier Collin Chauvin Da_Silva Bouchet Gay Lemaître Bénard Maréchal
Humbert Reynaud Antoine Hoarau Perret Barthélemy Cordier Pichon Lejeune Gilbert Lamy Delaunay Pasquier Carlier
Laporte Thiébaut Thiriet Mangin Colin Jacquemin Grandjean Claude Hanriot Didierjean Mougel Vautrin Voirin Houillon
Gérardin Parisot Simonin Thouvenin Demange Collignon Lhuillier Marchand-Ducrocq Schwartz Becker Wagner Hoffmann
Koenig Fischer Zimmermann Keller Haas Kieffer Ehrhart Reinert Benali Haddad Mansouri Benyahia Nguyen Tran Pham`);

export interface PersonName {
  first: string;
  last: string;
}

export function drawName(rng: Rng): PersonName {
  return { first: rng.pick(FIRST_NAMES), last: rng.pick(LAST_NAMES) };
}

/** 'Jean-Marc', 'Le Gall' → 'jean-marc.legall': the local part of an institutional e-mail address. */
export function emailLocalPart({ first, last }: PersonName): string {
  const ascii = (s: string) =>
    s
      .normalize('NFD')
      .replace(/[\u0300-\u036f]/g, '')
      .toLowerCase()
      .replace(/[^a-z-]/g, '');
  return `${ascii(first)}.${ascii(last)}`;
}
