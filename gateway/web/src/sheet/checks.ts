import { CATEGORY_NAMES, formatEuros } from '../app/format';

/*
 * What a platform's sheet flags as missing or inconsistent, from what the graph answers about it. Each
 * check says why, so a manager knows what to correct and where.
 */

export interface Flag {
  severity: 'bad' | 'warn';
  what: string;
  why: string;
}

export interface SheetFacts {
  label: { status: string; nextReview?: string | null };
  instruments: { designation: string; tutelle: string }[];
  services: {
    code: string;
    name: string;
    /** Null where the caller may not read it (model inputs are not public): not flagged then. */
    yearlyVolume: number | null;
    currentPrices: { tutelle: string; category: string; price: { amount: number } }[];
  }[];
  tariffs: { code: string; prices: { category: string; priceHT: { amount: number } }[] }[];
}

/** A published price this far from the single tariff (either way) is flagged. */
export const FAR_FROM_TARIFF = 0.25;

/** Folded words (accents, case, punctuation) of four letters or more. */
export const words = (text: string) =>
  text
    .normalize('NFD')
    .replace(/\p{Diacritic}/gu, '')
    .toLowerCase()
    .split(/[^a-z0-9]+/)
    .filter((w) => w.length >= 4);

export function sheetFlags(facts: SheetFacts, today = new Date()): Flag[] {
  const flags: Flag[] = [];
  const todayIso = today.toISOString().slice(0, 10);
  if (facts.label.status !== 'NONE' && facts.label.nextReview && facts.label.nextReview < todayIso) {
    flags.push({
      severity: 'bad',
      what: 'Évaluation du label en retard',
      why: `l’évaluation prévue le ${facts.label.nextReview} n’est pas enregistrée`,
    });
  }
  for (const s of facts.services.filter((s) => s.yearlyVolume != null && s.yearlyVolume <= 0)) {
    flags.push({
      severity: 'bad',
      what: `Service sans volume : ${s.name}`,
      why: 'sans volume annuel, le tarif unique ne peut pas être calculé',
    });
  }
  // An instrument no service names (by its first words): the registry may lack the service that uses it.
  const serviceWords = new Set(facts.services.flatMap((s) => words(s.name)));
  const seen = new Set<string>();
  for (const i of facts.instruments) {
    const kind = words(i.designation).slice(0, 2);
    const key = kind.join(' ');
    if (kind.length === 0 || seen.has(key)) continue;
    seen.add(key);
    if (!kind.some((w) => serviceWords.has(w))) {
      flags.push({
        severity: 'warn',
        what: `Instrument sans service : ${i.designation} (${i.tutelle})`,
        why: 'aucun service de la plateforme ne le nomme ; à vérifier',
      });
    }
  }
  for (const s of facts.services) {
    const tariff = facts.tariffs.find((t) => t.code === s.code);
    for (const published of s.currentPrices) {
      const single = tariff?.prices.find((p) => p.category === published.category)?.priceHT.amount;
      if (!single) continue;
      const gap = (published.price.amount - single) / single;
      if (Math.abs(gap) > FAR_FROM_TARIFF) {
        flags.push({
          severity: 'warn',
          what: `Prix ${published.tutelle} éloigné du tarif unique : ${s.name} (${CATEGORY_NAMES[published.category] ?? published.category})`,
          why: `${formatEuros(published.price.amount)} publiés contre ${formatEuros(single)} HT, écart de ${Math.round(gap * 100)} %`,
        });
      }
    }
  }
  return flags;
}
